//! Turns a file's bytes into text and names the encoding it found.
//!
//! Chinese spreadsheet exports are often GB18030/GBK and Excel likes UTF-16, so UTF-8 is only the first guess:
//! a BOM decides, valid UTF-8 wins, a UTF-8 file with a few stray bytes or pasted legacy rows stays UTF-8,
//! and only then does chardetng guess a legacy encoding. Obvious binaries (xlsx, xls, pdf, gzip) are refused with a hint instead
//! of being imported as garbage.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE};

/// How much of a file chardetng and the binary checks look at; enough to decide, bounded for 1 GB files.
const SNIFF_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("this is a {0}, not a text file; export it as CSV or JSON first")]
    Binary(&'static str),
    #[error("unknown encoding '{0}' (try utf-8, gbk, gb18030, big5, utf-16le or windows-1252)")]
    UnknownEncoding(String),
    #[error(
        "this does not look like text ({bad} of the first {checked} characters are control characters or \
         undecodable); check that it is a CSV/TSV/JSON/JSONL export"
    )]
    NotText { bad: usize, checked: usize },
}

/// Where a mostly-UTF-8 file had bytes that are not UTF-8: the offset of the U+FFFD that replaced them in the
/// decoded text, and the bytes themselves (adjacent bad bytes are one entry), so the row holding them can be
/// rejected with the bytes named instead of being imported with replacement characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Damage {
    pub at: usize,
    pub bytes: Vec<u8>,
}

/// A decoded file: its text (without BOM), the encoding's name and where invalid bytes were replaced.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub damage: Vec<Damage>,
}

/// Decodes a whole file, returning the text (without BOM) and the name of the encoding used.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    decode_vec(bytes.to_vec()).map(|d| (d.text, d.encoding))
}

/// Like [`decode`], but reuses the buffer when the file is already UTF-8 (the common case on large files).
pub(crate) fn decode_vec(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some(kind) = binary_signature(&bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let mut damage = Vec::new();
    let (text, name) = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        utf8_or_lossy(bytes, &mut damage)
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        (decode_with(UTF_16LE, &bytes[2..]), "UTF-16LE")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        (decode_with(UTF_16BE, &bytes[2..]), "UTF-16BE")
    } else if let Some(enc) = bomless_utf16(&bytes) {
        (decode_with(enc, &bytes), enc.name())
    } else {
        match String::from_utf8(bytes) {
            Ok(s) => (s, "UTF-8"),
            Err(e) => {
                let bytes = e.into_bytes();
                if mostly_utf8(&bytes) {
                    (lossy(&bytes, &mut damage), "UTF-8 (invalid bytes replaced)")
                } else {
                    let enc = guess_legacy(&bytes);
                    (decode_with(enc, &bytes), enc.name())
                }
            }
        }
    };
    check_text(&text)?;
    Ok(Decoded {
        text,
        encoding: name,
        damage,
    })
}

/// Decodes with the encoding the user named; invalid bytes are still reported per row.
pub(crate) fn decode_as(bytes: Vec<u8>, label: &str) -> Result<Decoded, DecodeError> {
    let enc = Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| DecodeError::UnknownEncoding(label.to_string()))?;
    if let Some(kind) = binary_signature(&bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let mut damage = Vec::new();
    let text = if enc == encoding_rs::UTF_8 {
        let body = bytes
            .strip_prefix(&[0xEF, 0xBB, 0xBF][..])
            .unwrap_or(&bytes);
        lossy(body, &mut damage)
    } else {
        enc.decode_with_bom_removal(&bytes).0.into_owned()
    };
    check_text(&text)?;
    Ok(Decoded {
        text,
        encoding: enc.name(),
        damage,
    })
}

fn utf8_or_lossy(bytes: Vec<u8>, damage: &mut Vec<Damage>) -> (String, &'static str) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, "UTF-8"),
        Err(e) => (
            lossy(e.as_bytes(), damage),
            "UTF-8 (invalid bytes replaced)",
        ),
    }
}

/// `String::from_utf8_lossy`, noting each replacement; a run of bad bytes becomes one U+FFFD.
fn lossy(bytes: &[u8], damage: &mut Vec<Damage>) -> String {
    let mut out = String::with_capacity(bytes.len() + 16);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let bad = chunk.invalid();
        if bad.is_empty() {
            continue;
        }
        match damage.last_mut() {
            // Two invalid sequences with nothing valid between them: one damaged spot, one replacement.
            Some(last)
                if chunk.valid().is_empty() && last.at + '\u{FFFD}'.len_utf8() == out.len() =>
            {
                last.bytes.extend_from_slice(bad);
            }
            _ => {
                damage.push(Damage {
                    at: out.len(),
                    bytes: bad.to_vec(),
                });
                out.push('\u{FFFD}');
            }
        }
    }
    out
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> String {
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "zip archive (an .xlsx spreadsheet?)"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "legacy Office file (an .xls spreadsheet?)",
        ),
        (b"%PDF-", "PDF document"),
        (b"\x1F\x8B", "gzip-compressed file (decompress it first)"),
        (b"SQLite format 3\0", "SQLite database"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// UTF-16 without a BOM shows up as a NUL in every other byte of mostly-ASCII text; chardetng cannot see it.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= pairs * 4 && even_nul * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 4 && odd_nul * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when the file reads as UTF-8 with a few damaged spots rather than as a legacy encoding: either most
/// lines that hold non-ASCII text are valid UTF-8 (a UTF-8 export with some rows pasted from a GBK source),
/// or invalid sequences are rare next to valid multi-byte characters (a stray byte). GBK, Big5 or Latin-1 text
/// is invalid UTF-8 on nearly every line that holds a non-ASCII character, so neither count favours UTF-8 there.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_lines, mut damaged_lines) = (0usize, 0usize);
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        let mut damaged = false;
        for chunk in line.utf8_chunks() {
            valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
            if !chunk.invalid().is_empty() {
                invalid += 1;
                damaged = true;
            }
        }
        if damaged {
            damaged_lines += 1;
        } else {
            valid_lines += 1;
        }
    }
    valid_lines > damaged_lines || (valid_multibyte > 0 && valid_multibyte >= invalid * 20)
}

/// Bytes known not to be UTF-8 (a mail part without a charset), in the legacy encoding they most look like.
pub(crate) fn decode_legacy(bytes: &[u8]) -> String {
    decode_with(guess_legacy(bytes), bytes)
}

fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    // A cut-off sample may end inside a character; `last = false` keeps that from disqualifying the right guess.
    detector.feed(sample, sample.len() == bytes.len());
    let enc = detector.guess(None, Utf8Detection::Deny);
    // GB18030 is a superset of GBK: decoding as GB18030 also reads the rare characters GBK lacks.
    if enc == GBK { GB18030 } else { enc }
}

fn check_text(text: &str) -> Result<(), DecodeError> {
    let (mut checked, mut bad) = (0usize, 0usize);
    for c in text.chars().take(8192) {
        checked += 1;
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
        if control || c == '\u{FFFD}' {
            bad += 1;
        }
    }
    if bad > 8 && bad * 10 > checked {
        return Err(DecodeError::NotText { bad, checked });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_with_bom() {
        assert_eq!(
            decode("id,正文\n".as_bytes()).unwrap(),
            ("id,正文\n".to_string(), "UTF-8")
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("正文".as_bytes());
        assert_eq!(decode(&bom).unwrap(), ("正文".to_string(), "UTF-8"));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "内容,评分\n很好,5\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), (text.to_string(), "UTF-16LE"));
        assert_eq!(decode(&be).unwrap(), (text.to_string(), "UTF-16BE"));
    }

    #[test]
    fn utf16le_without_bom_is_recognised() {
        let text = "id,text\n1,hello there\n";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bytes).unwrap(), (text.to_string(), "UTF-16LE"));
    }

    #[test]
    fn gb18030_is_detected_and_decoded() {
        let text = "科室,标题,问题\n心血管科,高血压患者能吃党参吗？,我有高血压这两天女婿来的时候给我拿了些党参泡水喝，\
                    您好高血压可以吃党参吗？\n";
        let (bytes, _, unmappable) = GB18030.encode(text);
        assert!(!unmappable);
        let (decoded, name) = decode(&bytes).unwrap();
        assert_eq!(decoded, text);
        assert_eq!(name, "gb18030");
    }

    #[test]
    fn big5_is_detected() {
        let text =
            "內容\n這家餐廳的服務非常好，價格也很合理，我們下次還會再來。環境乾淨，菜色豐富。\n";
        let (bytes, _, _) = encoding_rs::BIG5.encode(text);
        let (decoded, name) = decode(&bytes).unwrap();
        assert_eq!(name, "Big5");
        assert_eq!(decoded, text);
    }

    #[test]
    fn a_stray_byte_keeps_utf8() {
        let mut bytes = "评论内容很好，非常满意，会回购的。".repeat(3).into_bytes();
        bytes.insert(6, 0xFF);
        let (text, name) = decode(&bytes).unwrap();
        assert_eq!(name, "UTF-8 (invalid bytes replaced)");
        assert!(text.contains('\u{FFFD}') && text.contains("评论"));
    }

    #[test]
    fn damage_names_the_replaced_bytes_once_per_spot() {
        let mut bytes = "好评".repeat(40).into_bytes();
        bytes.splice(6..6, [0xBA, 0xC3]);
        bytes.extend_from_slice(b"end\xFF");
        let d = decode_vec(bytes).unwrap();
        assert_eq!(
            d.damage,
            vec![
                Damage {
                    at: 6,
                    bytes: vec![0xBA, 0xC3]
                },
                Damage {
                    at: d.text.len() - 3,
                    bytes: vec![0xFF]
                },
            ]
        );
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        assert_eq!(&d.text[6..9], "\u{FFFD}");
    }

    #[test]
    fn utf8_rows_outnumbering_pasted_gbk_rows_keep_utf8() {
        let good = "客服回复很快，问题已经解决了，谢谢";
        let (gbk, _, _) = GBK.encode("这个产品质量很差，要求退货");
        let mut bytes = b"id,content\n".to_vec();
        for i in 0..6 {
            bytes.extend_from_slice(format!("u{i},{good}\n").as_bytes());
        }
        for i in 0..3 {
            bytes.extend_from_slice(format!("g{i},").as_bytes());
            bytes.extend_from_slice(&gbk);
            bytes.push(b'\n');
        }
        let d = decode_vec(bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8 (invalid bytes replaced)");
        assert_eq!(d.text.matches(good).count(), 6);
        // GBK trail bytes can be ASCII, so a GBK row may hold several damaged spots, but only GBK rows do.
        let first_gbk = d.text.find("g0,").unwrap();
        assert!(d.damage.iter().all(|x| x.at > first_gbk));
        assert_eq!(d.damage[0].bytes[..2], gbk[..2]);
    }

    #[test]
    fn one_gbk_line_between_two_utf8_lines_keeps_utf8() {
        let mut bytes = "id,content\n1,正常UTF8行\n2,".as_bytes().to_vec();
        bytes.extend_from_slice(&GBK.encode("这是GBK行").0);
        bytes.extend_from_slice("\n3,又一个UTF8行\n".as_bytes());
        let d = decode_vec(bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8 (invalid bytes replaced)");
        assert!(d.text.contains("正常UTF8行") && d.text.contains("又一个UTF8行"));
    }

    #[test]
    fn latin1_is_not_mistaken_for_utf8() {
        let bytes = b"id,text\n1,caf\xE9 tr\xE8s bon, d\xE9j\xE0 vu\n";
        let (text, name) = decode(bytes).unwrap();
        assert_eq!(name, "windows-1252");
        assert!(text.contains("café très bon"));
    }

    #[test]
    fn binaries_are_refused_but_a_few_nuls_are_kept() {
        assert!(
            matches!(decode(b"PK\x03\x04rest"), Err(DecodeError::Binary(k)) if k.contains("xlsx"))
        );
        let noise: Vec<u8> = (0..2000u32).map(|i| (i % 7) as u8).collect();
        assert!(matches!(decode(&noise), Err(DecodeError::NotText { .. })));
        let (text, _) = decode(b"id,text\n1,a\0b\n").unwrap();
        assert!(text.contains("a\0b"));
    }
}
