//! A fixed Huffman code for record bodies. Chinese customer text is nearly all characters from a
//! few thousand, the commonest far more often than the rest: coded by how often each appears in
//! Chinese, a body takes about two thirds of its UTF-16 bytes. The code is a shipped table
//! (assets/body_code.txt), not one fitted to the store: a body decodes alone, and a table fitted
//! to one user's data would have to be kept beside it forever.
//!
//! A coded body is a BLOB of odd length (UTF-16 bodies are always even): a format byte, then the
//! codes from the high bit down, `end`, zero bits to the byte, and one zero byte more when the
//! count of bytes would otherwise come out even.

use std::sync::OnceLock;

/// The format byte of bodies coded with assets/body_code.txt.
const FORMAT: u8 = 1;
/// Longest code the decoder accepts; the shipped table's longest is 19 bits.
const MAX_LEN: usize = 24;
/// Codes this long or shorter are read with one lookup in `Code::fast` (16 KiB): four
/// characters in five of the bench's Chinese texts have one.
const FAST_BITS: u32 = 12;
/// Bits of a code point written after `esc`.
const ESC_BITS: u32 = 21;
/// Symbol numbers for the two codes that are not characters.
const END: u32 = 0x11_0000;
const ESC: u32 = 0x11_0001;

const TABLE: &str = include_str!("../../assets/body_code.txt");

struct Code {
    /// For each BMP code point: its code shifted left 5, ORed with its length; 0 when unlisted.
    by_char: Vec<u32>,
    end: (u32, u32),
    esc: (u32, u32),
    /// Codes of each length, the first of them, and where that length's symbols start in
    /// `symbols`.
    count: [u32; MAX_LEN + 1],
    first: [u32; MAX_LEN + 1],
    start: [u32; MAX_LEN + 1],
    /// Symbols by code length, then by number: the canonical order.
    symbols: Vec<u32>,
    /// For each value of the next `FAST_BITS` bits: the symbol whose code they begin with,
    /// shifted left 5, ORed with the code's length; 0 when that code is longer.
    fast: Vec<u32>,
}

fn code() -> &'static Code {
    static CODE: OnceLock<Code> = OnceLock::new();
    CODE.get_or_init(|| Code::parse(TABLE).expect("assets/body_code.txt is checked by the tests"))
}

impl Code {
    fn parse(table: &str) -> Result<Code, String> {
        let mut lengths: Vec<(u32, u32)> = Vec::new();
        for (n, line) in table.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || format!("line {}: {line:?}", n + 1);
            let (name, len) = line.split_once(' ').ok_or_else(bad)?;
            let symbol = match name {
                "end" => END,
                "esc" => ESC,
                hex => u32::from_str_radix(hex, 16)
                    .ok()
                    .filter(|&c| c < 0x1_0000)
                    .ok_or_else(bad)?,
            };
            let len: u32 = len
                .parse()
                .ok()
                .filter(|l| (1..=MAX_LEN as u32).contains(l))
                .ok_or_else(bad)?;
            lengths.push((len, symbol));
        }
        lengths.sort_unstable();
        if lengths.windows(2).any(|w| w[0].1 == w[1].1) {
            return Err("a symbol is listed twice".into());
        }
        let mut count = [0u32; MAX_LEN + 1];
        for &(len, _) in &lengths {
            count[len as usize] += 1;
        }
        // Kraft: the code must not promise more codes of a length than the shorter ones leave.
        let mut left: i64 = 1;
        for &c in &count[1..] {
            left = left * 2 - i64::from(c);
            if left < 0 {
                return Err("more codes than bits to hold them".into());
            }
        }
        let mut start = [0u32; MAX_LEN + 1];
        let mut next = [0u32; MAX_LEN + 2];
        for len in 1..=MAX_LEN {
            start[len] = start[len - 1] + count[len - 1];
            next[len + 1] = (next[len] + count[len]) << 1;
        }
        let mut first = [0u32; MAX_LEN + 1];
        first.copy_from_slice(&next[..=MAX_LEN]);
        let mut c = Code {
            by_char: vec![0; 0x1_0000],
            end: (0, 0),
            esc: (0, 0),
            count,
            first,
            start,
            symbols: lengths.iter().map(|&(_, s)| s).collect(),
            fast: vec![0; 1 << FAST_BITS],
        };
        for &(len, symbol) in &lengths {
            let bits = next[len as usize];
            next[len as usize] += 1;
            if len <= FAST_BITS {
                let spread = FAST_BITS - len;
                let first = (bits << spread) as usize;
                c.fast[first..first + (1 << spread)].fill(symbol << 5 | len);
            }
            match symbol {
                END => c.end = (bits, len),
                ESC => c.esc = (bits, len),
                ch => c.by_char[ch as usize] = bits << 5 | len,
            }
        }
        if c.end.1 == 0 || c.esc.1 == 0 {
            return Err("`end` and `esc` must both be listed".into());
        }
        Ok(c)
    }
}

/// `text` coded: a BLOB of odd length, format byte first.
pub(super) fn encode(text: &str) -> Vec<u8> {
    let code = code();
    let mut out = Vec::with_capacity(text.len() / 2 + 4);
    out.push(FORMAT);
    let mut bits = Bits::default();
    for ch in text.chars() {
        let entry = code.by_char.get(ch as usize).copied().unwrap_or(0);
        if entry == 0 {
            bits.push(&mut out, code.esc);
            bits.push(&mut out, (ch as u32, ESC_BITS));
        } else {
            bits.push(&mut out, (entry >> 5, entry & 31));
        }
    }
    bits.push(&mut out, code.end);
    bits.flush(&mut out);
    if out.len() % 2 == 0 {
        out.push(0);
    }
    out
}

/// Reads a body written by [`encode`].
pub(super) fn decode(blob: &[u8]) -> Result<String, String> {
    match blob.split_first() {
        Some((&FORMAT, rest)) => decode_with(code(), rest, read_symbol),
        Some((other, _)) => Err(format!("unknown body format {other}")),
        None => Err("empty coded body".into()),
    }
}

/// How a symbol is read: [`read_symbol`], or in the tests a walk from the first bit.
type ReadSymbol = fn(&Code, &mut Reader) -> Result<u32, String>;

fn decode_with(code: &Code, bytes: &[u8], read: ReadSymbol) -> Result<String, String> {
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut reader = Reader { bytes, at: 0 };
    loop {
        match read(code, &mut reader)? {
            END => return Ok(text),
            ESC => {
                let point = reader.take(ESC_BITS)?;
                let ch = char::from_u32(point)
                    .ok_or_else(|| format!("escaped code point {point:#x} is no character"))?;
                text.push(ch);
            }
            point => text.push(char::from_u32(point).ok_or("listed symbol is no character")?),
        }
    }
}

/// One symbol: a short code in one lookup, a longer one by walking on from there.
fn read_symbol(code: &Code, reader: &mut Reader) -> Result<u32, String> {
    match code.fast[reader.peek(FAST_BITS) as usize] {
        0 => {
            // No code of FAST_BITS bits or fewer begins here: those bits are all a longer one's.
            let prefix = reader.take(FAST_BITS)?;
            walk_symbol(code, reader, FAST_BITS as usize + 1, prefix)
        }
        entry => {
            reader.skip(entry & 31)?;
            Ok(entry >> 5)
        }
    }
}

/// The rest of a symbol whose first `from - 1` bits were `prefix`, a bit at a time: the codes
/// of each length are consecutive numbers, so a prefix is complete when it falls among its
/// length's.
fn walk_symbol(
    code: &Code,
    reader: &mut Reader,
    from: usize,
    mut prefix: u32,
) -> Result<u32, String> {
    for len in from..=MAX_LEN {
        prefix = prefix << 1 | reader.take(1)?;
        let first = code.first[len];
        if prefix < first + code.count[len] {
            return Ok(code.symbols[(code.start[len] + prefix - first) as usize]);
        }
    }
    Err("no code matches the stored bits".into())
}

/// Bits waiting to fill a byte.
#[derive(Default)]
struct Bits {
    acc: u64,
    len: u32,
}

impl Bits {
    fn push(&mut self, out: &mut Vec<u8>, (bits, len): (u32, u32)) {
        self.acc = self.acc << len | u64::from(bits);
        self.len += len;
        while self.len >= 8 {
            self.len -= 8;
            out.push((self.acc >> self.len) as u8);
        }
    }

    fn flush(&mut self, out: &mut Vec<u8>) {
        if self.len > 0 {
            out.push((self.acc << (8 - self.len)) as u8);
            self.len = 0;
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    /// Bits read so far.
    at: usize,
}

impl Reader<'_> {
    /// The next `n` bits (at most 25), as zeros past the end.
    fn peek(&self, n: u32) -> u32 {
        let byte = self.at / 8;
        let window = match self.bytes.get(byte..byte + 4).map(<[u8; 4]>::try_from) {
            Some(Ok(four)) => u32::from_be_bytes(four),
            // The last bytes of a body.
            _ => (0..4).fold(0, |w, k| {
                w << 8 | u32::from(self.bytes.get(byte + k).copied().unwrap_or(0))
            }),
        };
        (window << (self.at % 8)) >> (32 - n)
    }

    fn skip(&mut self, n: u32) -> Result<(), String> {
        if self.at + n as usize > self.bytes.len() * 8 {
            return Err("coded body ends before its end code".into());
        }
        self.at += n as usize;
        Ok(())
    }

    fn take(&mut self, n: u32) -> Result<u32, String> {
        let v = self.peek(n);
        self.skip(n)?;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn the_shipped_table_is_the_one_bodies_were_written_with() {
        // Every coded body in every store depends on these lengths. If this fails, the table or
        // its parsing changed: bodies written before would decode to other text. Add a new table
        // under a new format byte instead.
        let lengths: String = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let digest: String = Sha256::digest(lengths.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            digest,
            "183cec0bca6ea5d3f921bd3ccff2d747cddcc31899cad5e94ac49e7169765c53"
        );
        let code = Code::parse(TABLE).unwrap();
        assert_eq!(code.symbols.len(), 6118);
    }

    #[test]
    fn the_shipped_code_is_complete() {
        // Every bit string starts some code: no stored bits can fall outside the table.
        let code = Code::parse(TABLE).unwrap();
        let kraft: f64 = (1..=MAX_LEN)
            .map(|l| f64::from(code.count[l]) / 2f64.powi(l as i32))
            .sum();
        assert!((kraft - 1.0).abs() < 1e-12, "Kraft sum {kraft}");
    }

    #[test]
    fn text_comes_back_as_written() {
        for text in [
            "",
            "物流太慢了，客服也不回复",
            "屏幕碎了😡 order#42\n第二行\t制表",
            "𠮷野家 (U+20BB7 sits outside the BMP)",
            "Refund still not processed after 10 days",
            "\u{0}\u{10FFFF}",
        ] {
            let blob = encode(text);
            assert_eq!(blob.len() % 2, 1, "{text:?}");
            assert_eq!(decode(&blob).unwrap(), text);
        }
    }

    #[test]
    fn chinese_takes_about_two_thirds_of_its_utf16_bytes() {
        let text = "这家店的服务态度很好，菜的味道也不错，就是等的时间有点长，下次还会再来。";
        let utf16 = text.encode_utf16().count() * 2;
        let coded = encode(text).len();
        assert!(coded * 10 < utf16 * 8, "{coded} bytes against {utf16}");
    }

    #[test]
    fn damaged_bodies_are_errors() {
        let good = encode("物流太慢了");
        assert!(decode(&good[..good.len() - 3]).is_err(), "cut short");
        assert!(decode(&[7, 0, 0]).is_err(), "unknown format");
        assert!(decode(&[]).is_err());
        // `esc` followed by a surrogate, which is no character.
        let code = Code::parse(TABLE).unwrap();
        let mut out = vec![FORMAT];
        let mut bits = Bits::default();
        bits.push(&mut out, code.esc);
        bits.push(&mut out, (0xD800, ESC_BITS));
        bits.push(&mut out, code.end);
        bits.flush(&mut out);
        assert!(decode(&out).is_err());
    }

    proptest::proptest! {
        #[test]
        fn the_lookup_reads_what_walking_reads(bytes in proptest::collection::vec(0u8.., 0..40)) {
            // Arbitrary bits, damaged ones included: the same text or the same error.
            let walk: ReadSymbol = |code, reader| walk_symbol(code, reader, 1, 0);
            proptest::prop_assert_eq!(
                decode_with(code(), &bytes, read_symbol),
                decode_with(code(), &bytes, walk)
            );
        }

        #[test]
        fn any_text_comes_back(text in "\\PC*", zh in "[一-龥，。！？ a-z0-9😀-🙏]{0,200}") {
            for t in [&text, &zh] {
                proptest::prop_assert_eq!(&decode(&encode(t)).unwrap(), t);
            }
        }
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(Code::parse("end 1\nesc 1\n41 1").is_err(), "over-full");
        assert!(Code::parse("end 1\n41 1").is_err(), "no esc");
        assert!(Code::parse("end 1\nesc 2\nend 2").is_err(), "twice");
        assert!(Code::parse("end 1\nesc x").is_err());
    }
}
