//! How a record's body is kept: as UTF-8 TEXT, a UTF-16LE BLOB, or a BLOB in vochub's Huffman
//! code for Chinese text (`body_code`), whichever is shortest. Chinese characters take three
//! bytes in UTF-8, two in UTF-16 and about one and a third in the code, and the body is most of
//! a record; English text stays UTF-8. The two BLOB forms are told apart by length: UTF-16 is
//! always even, the code always odd.

use rusqlite::Row;
use rusqlite::types::{ToSqlOutput, Type, ValueRef};

use super::body_code;

/// The column value to write for `body`.
pub(super) fn encode(body: &str) -> ToSqlOutput<'_> {
    // ASCII is never shorter coded (its letters are rare in the code's table) nor as UTF-16.
    if body.is_ascii() {
        return ToSqlOutput::Borrowed(ValueRef::Text(body.as_bytes()));
    }
    let utf16 = utf16_len(body);
    let coded = body_code::encode(body);
    let value = if coded.len() < utf16.min(body.len()) {
        coded
    } else if utf16 < body.len() {
        body.encode_utf16().flat_map(u16::to_le_bytes).collect()
    } else {
        return ToSqlOutput::Borrowed(ValueRef::Text(body.as_bytes()));
    };
    ToSqlOutput::Owned(rusqlite::types::Value::Blob(value))
}

/// Bytes a stored body column takes.
pub(super) fn stored_len(value: ValueRef) -> usize {
    match value {
        ValueRef::Text(b) | ValueRef::Blob(b) => b.len(),
        _ => 0,
    }
}

/// Bytes a body column written with `value` (from [`encode`]) will take.
pub(super) fn written_len(value: &ToSqlOutput) -> usize {
    match value {
        ToSqlOutput::Borrowed(v) => stored_len(*v),
        ToSqlOutput::Owned(v) => stored_len(v.into()),
        _ => 0,
    }
}

/// Reads a body column written by [`encode`] (or as plain text by an older vochub).
pub(super) fn decode(row: &Row, i: usize) -> rusqlite::Result<String> {
    let fail = |t, e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(i, t, e)
    };
    match row.get_ref(i)? {
        ValueRef::Text(t) => String::from_utf8(t.to_vec()).map_err(|e| fail(Type::Text, e.into())),
        ValueRef::Blob(b) if b.len() % 2 == 0 => {
            let units: Vec<u16> = b
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16(&units).map_err(|e| fail(Type::Blob, e.into()))
        }
        ValueRef::Blob(b) => body_code::decode(b).map_err(|e| fail(Type::Blob, e.into())),
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            "body".into(),
            other.data_type(),
        )),
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(|c| c.len_utf16() * 2).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// Writes `body` and reads it back, with the form it was stored in.
    fn round_trip(body: &str) -> (String, &'static str) {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute("CREATE TABLE t (b)", []).unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [encode(body)])
            .unwrap();
        conn.query_row("SELECT b, typeof(b), length(b) % 2 FROM t", [], |r| {
            let kind: String = r.get(1)?;
            let odd: bool = r.get(2)?;
            let form = match (kind.as_str(), odd) {
                ("text", _) => "text",
                ("blob", false) => "utf-16",
                _ => "coded",
            };
            Ok((decode(r, 0)?, form))
        })
        .unwrap()
    }

    #[test]
    fn each_body_takes_its_shortest_form() {
        let zh = "物流太慢了，客服也不回复 😡 order#42";
        assert_eq!(round_trip(zh), (zh.to_string(), "coded"));
        // Kana are not in the code's table: each would cost an escape and 21 bits.
        let ja = "ありがとうございます";
        assert_eq!(round_trip(ja), (ja.to_string(), "utf-16"));
        let en = "Refund still not processed after 10 days";
        assert_eq!(round_trip(en), (en.to_string(), "text"));
        let accented = "Très déçu, livraison en retard";
        assert_eq!(round_trip(accented), (accented.to_string(), "text"));
        assert_eq!(round_trip(""), (String::new(), "text"));
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        let conn = Connection::open_in_memory().unwrap();
        for bad in [vec![0x41u8], vec![0x00, 0xD8], vec![0x01, 0xFF, 0xFF]] {
            let got = conn.query_row("SELECT ?1", [bad], |r| decode(r, 0));
            assert!(got.is_err());
        }
    }
}
