//! SimHash: a 64-bit fingerprint of a text whose bits differ little when the texts differ little, so
//! reposts, spam waves and pasted complaints can be found as near-duplicates.
//!
//! Tokens are lower-cased Latin words (numbers left out), and overlapping pairs of Han characters (Chinese has no
//! spaces; character bigrams need no dictionary and survive small edits). Each token's 64-bit FNV-1a hash
//! votes on every bit, weighted by how often the token occurs. FNV is used rather than std's hasher because
//! the fingerprints are stored and must not change with the Rust version.

/// Texts with fewer tokens have too little to compare: two different greetings would look alike.
pub const MIN_TOKENS: usize = 4;
/// Fingerprints at most this many bits apart are near-duplicates.
pub const MAX_DISTANCE: u32 = 3;

/// The fingerprint, or `None` for a text with fewer than [`MIN_TOKENS`] tokens.
pub fn simhash(text: &str) -> Option<u64> {
    let hashes = token_hashes(text);
    if hashes.len() < MIN_TOKENS {
        return None;
    }
    // A bit is set when more tokens vote for it than against: set in more than half the hashes.
    let n = hashes.len() as u32;
    Some(
        bit_counts(&hashes)
            .iter()
            .enumerate()
            .filter(|(_, ones)| 2 * **ones > n)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit),
    )
}

/// Every byte value with its eight bits spread over eight 8-bit lanes (bit i in lane i), so that
/// adding it to a word counts each bit separately.
const SPREAD: [u64; 256] = spread_table();

const fn spread_table() -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut lane = 0;
        while lane < 8 {
            table[byte] |= ((byte as u64 >> lane) & 1) << (8 * lane);
            lane += 1;
        }
        byte += 1;
    }
    table
}

/// How many of `hashes` have each of the 64 bits set. Eight bits are counted with one addition
/// (a byte's spread form), into 8-bit lanes emptied every 255 hashes, before they could overflow:
/// counting bit by bit was nine tenths of the fingerprint's time and 2.5 % of an import's CPU.
fn bit_counts(hashes: &[u64]) -> [u32; 64] {
    let mut counts = [0u32; 64];
    for chunk in hashes.chunks(255) {
        let mut lanes = [0u64; 8];
        for h in chunk {
            for (k, lane) in lanes.iter_mut().enumerate() {
                *lane += SPREAD[(h >> (8 * k)) as usize & 0xFF];
            }
        }
        for (k, lane) in lanes.iter().enumerate() {
            for i in 0..8 {
                counts[8 * k + i] += (lane >> (8 * i)) as u32 & 0xFF;
            }
        }
    }
    counts
}

pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The four 16-bit bands of a fingerprint: two within [`MAX_DISTANCE`] bits share at least one band
/// exactly (four bands, at most three differing bits), so candidates are found by equality on a band.
pub fn bands(h: u64) -> [i64; 4] {
    [0, 16, 32, 48].map(|shift| ((h >> shift) & 0xFFFF) as i64)
}

/// The hash of every token, computed as the text is read: importing hashes every record, so no token is
/// allocated.
fn token_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut word: Option<(u64, bool)> = None; // (running hash, all digits so far)
    let mut prev_han: Option<char> = None;
    let mut buf = [0u8; 8];
    let end_word = |word: &mut Option<(u64, bool)>, out: &mut Vec<u64>| {
        // Numbers (order ids, counts, dates) are what copies of one complaint vary in; they do not vote.
        if let Some((h, false)) = word.take() {
            out.push(h);
        }
    };
    for c in text.chars() {
        let han = ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c);
        if han {
            if let Some(p) = prev_han {
                let n = p.encode_utf8(&mut buf).len();
                let m = c.encode_utf8(&mut buf[n..]).len();
                out.push(fnv1a_from(FNV_OFFSET, &buf[..n + m]));
            }
            prev_han = Some(c);
        } else {
            prev_han = None;
        }
        // Han first: `is_alphanumeric` on a Han character is a slow table search.
        if !han && c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let (h, digits) = word.unwrap_or((FNV_OFFSET, true));
                let n = lower.encode_utf8(&mut buf).len();
                word = Some((fnv1a_from(h, &buf[..n]), digits && lower.is_ascii_digit()));
            }
        } else {
            end_word(&mut word, &mut out);
        }
    }
    end_word(&mut word, &mut out);
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a_from(start: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(start, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: &str, b: &str) -> bool {
        distance(simhash(a).unwrap(), simhash(b).unwrap()) <= MAX_DISTANCE
    }

    #[test]
    fn copies_and_light_edits_are_near_and_other_texts_are_not() {
        let base =
            "云雀手表 S3 戴着洗手后表盘起雾，第二天直接黑屏，充电也没反应，才买了两天，要求换新！";
        assert!(near(base, base));
        assert!(near(
            base,
            "云雀手表 S3 戴着洗手后表盘起雾，第二天直接黑屏，充电也没反应，才买了两天，要求换新！！"
        ));
        assert!(near(
            base,
            "云雀手表S3戴着洗手后表盘起雾，第二天直接黑屏，充电也没反应，才买了两天，要求换新"
        ));
        assert!(!near(
            base,
            "云雀耳机 Pro 开启降噪后左耳有明显的滋滋电流声，关掉降噪就没有了，希望尽快处理。"
        ));
        let en = "My Lark Earbuds Pro disconnect every few minutes from my Pixel since the App 5.2.0 update";
        assert!(near(
            en,
            "my lark earbuds pro disconnect every few minutes from my pixel since the app 5.2.0 update!"
        ));
        assert!(!near(
            en,
            "The S3 watch goes from 80% to 10% overnight with always-on display off, known issue?"
        ));
        assert_eq!(simhash("好评"), None);
        assert_eq!(simhash(base), simhash(base), "stable");
    }

    /// Worked out from the definition above by a separate program, not by this code.
    const PINNED_ZH: u64 = 0x786f_151e_9660_a9e3;
    const PINNED_EN: u64 = 0x5fed_4301_7600_c01d;

    /// Fingerprints are stored: a store's near-duplicate links assume they never change.
    #[test]
    fn fingerprints_are_the_stored_ones() {
        let zh =
            "云雀手表 S3 戴着洗手后表盘起雾，第二天直接黑屏，充电也没反应，才买了两天，要求换新！";
        let en = "My Lark Earbuds Pro disconnect every few minutes from my Pixel since the App 5.2.0 update";
        assert_eq!(simhash(zh), Some(PINNED_ZH));
        assert_eq!(simhash(en), Some(PINNED_EN));
    }

    proptest::proptest! {
        #[test]
        fn bits_are_counted_as_one_by_one(hashes in proptest::collection::vec(proptest::num::u64::ANY, 0..700)) {
            let mut slow = [0u32; 64];
            for h in &hashes {
                for (bit, c) in slow.iter_mut().enumerate() {
                    *c += (h >> bit & 1) as u32;
                }
            }
            proptest::prop_assert_eq!(bit_counts(&hashes), slow);
        }
    }

    #[test]
    fn near_fingerprints_share_a_band() {
        let h = simhash("抽奖抽奖，转发支持云雀科技，祝云雀手表大卖！").unwrap();
        let flipped = h ^ (1 << 3) ^ (1 << 20) ^ (1 << 40);
        let shared = bands(h)
            .iter()
            .zip(bands(flipped))
            .filter(|(a, b)| **a == *b)
            .count();
        assert!(shared >= 1);
    }
}
