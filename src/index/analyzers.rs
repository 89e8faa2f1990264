//! The two analyzers every text field is indexed with, and the query-side variants.
//!
//! * words: jieba over folded text. Search mode (long words plus their sub-words) at index time,
//!   default mode at query time, so a record holding the query as a whole word scores on it.
//! * grams: every adjacent pair of ideographic characters as a bigram; Latin letters and digits as
//!   runs. Any run of two or more Chinese characters in a record is then findable as a phrase of
//!   overlapping bigrams. Titles and authors also carry every character as a unigram at its
//!   position. Record bodies, where nearly all the text is, carry positioned unigrams only at the
//!   edges of a run (where a one-character query token, which always stands next to Latin, a
//!   gap or the query's end, can meet them in a phrase). A one-character query alone is every
//!   body term that begins with it: a character either begins a bigram or ends its run.
//!   Unigrams at every position were a fifth of an import's CPU time and a quarter of the index;
//!   a field of each record's distinct characters, which answered one-character queries before,
//!   another tenth of the index.
//!
//! Offsets are byte offsets into the original (unfolded) text, so highlights land correctly.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::fold::{Folded, fold};
use super::segmenter::Segmenter;

// The names carry the analyzers' version. tantivy keeps a field's tokenizer name in the schema,
// so an index written by analyzers that emitted other terms has another schema and is rebuilt
// from the store on open. Raise the version in all three whenever what they emit changes
// (2: zero-width characters fold away, emoji became terms).
pub const WORDS_INDEX: &str = "vh_words_2";
pub const GRAMS: &str = "vh_grams_2";
/// Bigrams, with unigrams only at the edges of a run: record bodies.
pub const GRAMS_EDGE: &str = "vh_grams_edge_2";
/// Which single characters a run of ideographic characters yields besides its bigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unigrams {
    /// Every character (titles and authors).
    All,
    /// The first and last of each run (record bodies).
    Edges,
    /// Only a run of one (the query side: fewer, rarer terms, same positions as the index).
    Lone,
}

/// Is this character written without spaces between words (Han, kana, Hangul)?
pub fn is_ideographic(c: char) -> bool {
    crate::domain::is_cjk(c)
        || matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xAC00..=0xD7AF)
}

#[derive(Clone)]
pub struct WordsTokenizer {
    jieba: Arc<Segmenter>,
}

impl WordsTokenizer {
    pub fn new(jieba: Arc<Segmenter>) -> Self {
        WordsTokenizer { jieba }
    }
}

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = SpanTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanTokenStream {
        let folded = fold_shared(text);
        let spans = word_spans(self.jieba.get(), &folded, true);
        SpanTokenStream::new(folded, spans)
    }
}

#[derive(Clone)]
pub struct GramsTokenizer {
    unigrams: Unigrams,
}

impl GramsTokenizer {
    pub fn new(unigrams: Unigrams) -> Self {
        GramsTokenizer { unigrams }
    }
}

impl Tokenizer for GramsTokenizer {
    type TokenStream<'a> = SpanTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanTokenStream {
        let folded = fold_shared(text);
        let spans = gram_spans(&folded, self.unigrams);
        SpanTokenStream::new(folded, spans)
    }
}

/// Jieba words of `text`, folded, punctuation dropped, sorted by offset (search mode emits
/// sub-words out of order, and tantivy wants offsets that never go backwards).
pub fn word_tokens(jieba: &Jieba, text: &str, search_mode: bool) -> Vec<Token> {
    let folded = fold(text);
    let spans = word_spans(jieba, &folded, search_mode);
    to_tokens(&folded, &spans)
}

/// Character n-grams. With `with_unigrams` false (the query side), a run of two or more
/// characters yields only its bigrams: fewer, rarer terms, same positions as the index.
pub fn gram_tokens(text: &str, with_unigrams: bool) -> Vec<Token> {
    let unigrams = if with_unigrams {
        Unigrams::All
    } else {
        Unigrams::Lone
    };
    gram_tokens_with(text, unigrams)
}

pub fn gram_tokens_with(text: &str, unigrams: Unigrams) -> Vec<Token> {
    let folded = fold(text);
    let spans = gram_spans(&folded, unigrams);
    to_tokens(&folded, &spans)
}

/// A token as a stretch of the folded text, with where it came from in the original. Indexing
/// makes tokens from these one at a time into a single buffer: a `String` per token (about 140
/// for a short review) cost more than cutting the text.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    from: usize,
    to: usize,
    position: usize,
}

impl Span {
    fn new(folded: &Folded, start: usize, end: usize, position: usize) -> Span {
        Span {
            start,
            end,
            from: folded.original_offset(start),
            to: folded.original_offset(end),
            position,
        }
    }
}

fn word_spans(jieba: &Jieba, folded: &Folded, search_mode: bool) -> Vec<Span> {
    let cut = if search_mode {
        jieba.cut_for_search(&folded.text, true)
    } else {
        jieba.cut(&folded.text, true)
    };
    let mut spans: Vec<Span> = cut
        .into_iter()
        .filter(|t| is_word(t.word))
        .map(|t| Span::new(folded, t.byte_start, t.byte_end, 0))
        .collect();
    spans.sort_by_key(|s| (s.from, s.to));
    for (i, s) in spans.iter_mut().enumerate() {
        s.position = i;
    }
    spans
}

/// Does a jieba token hold a letter, digit or ideograph (not only punctuation and spaces)? The
/// ideograph test comes first: for a Han character `is_alphanumeric` searches a Unicode table.
pub fn is_word(token: &str) -> bool {
    token
        .chars()
        .any(|c| is_ideographic(c) || c.is_alphanumeric())
}

fn gram_spans(folded: &Folded, unigrams: Unigrams) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut gap = false;
    let chars: Vec<(usize, char)> = folded.text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if is_ideographic(c) {
            if gap {
                pos += 1;
                gap = false;
            }
            let end = b + c.len_utf8();
            let next = chars.get(i + 1).filter(|(_, n)| is_ideographic(*n));
            let first = !prev_ideographic(&chars, i);
            let last = next.is_none();
            let keep = match unigrams {
                Unigrams::All => true,
                Unigrams::Edges => first || last,
                Unigrams::Lone => first && last,
            };
            if keep {
                out.push(Span::new(folded, b, end, pos));
            }
            if let Some(&(nb, nc)) = next {
                out.push(Span::new(folded, b, nb + nc.len_utf8(), pos));
            }
            pos += 1;
            i += 1;
        } else if c.is_alphanumeric() {
            if gap {
                pos += 1;
                gap = false;
            }
            // Letters and digits form separate runs so "iPhone15" also answers "iphone" and "15".
            let digit = c.is_numeric();
            let mut j = i;
            while j < chars.len()
                && chars[j].1.is_alphanumeric()
                && !is_ideographic(chars[j].1)
                && chars[j].1.is_numeric() == digit
            {
                j += 1;
            }
            let end = chars.get(j).map(|(e, _)| *e).unwrap_or(folded.text.len());
            out.push(Span::new(folded, b, end, pos));
            pos += 1;
            i = j;
        } else if is_pictograph(c) {
            // An emoji stands for a word on social channels (😡, 👍): each is a term of its own,
            // and a sequence of them (a flag's two letters) is a phrase.
            if gap {
                pos += 1;
                gap = false;
            }
            out.push(Span::new(folded, b, b + c.len_utf8(), pos));
            pos += 1;
            i += 1;
        } else {
            // Any run of separators counts as one gap, so "你好， 世界" and "你好，世界" agree.
            // Skin-tone modifiers and variation selectors fall here: 👍🏻 is found by 👍.
            gap = true;
            i += 1;
        }
    }
    out
}

/// Emoji and pictographic symbols (Unicode's emoji blocks, dingbats, miscellaneous symbols and
/// technical signs, regional indicator letters), minus the skin-tone modifiers.
pub fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1F3FA | 0x1F400..=0x1FAFF)
}

fn prev_ideographic(chars: &[(usize, char)], i: usize) -> bool {
    i > 0 && is_ideographic(chars[i - 1].1)
}

fn to_tokens(folded: &Folded, spans: &[Span]) -> Vec<Token> {
    spans
        .iter()
        .map(|s| Token {
            offset_from: s.from,
            offset_to: s.to,
            position: s.position,
            text: folded.text[s.start..s.end].to_string(),
            position_length: 1,
        })
        .collect()
}

/// Each text field is read by both analyzers in turn (words, then grams): the second one reuses
/// the fold of the first instead of folding the same text again.
fn fold_shared(text: &str) -> Rc<Folded> {
    thread_local! {
        static LAST: RefCell<Option<(String, Rc<Folded>)>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((seen, folded)) = last.as_ref()
            && seen == text
        {
            return folded.clone();
        }
        let folded = Rc::new(fold(text));
        *last = Some((text.to_string(), folded.clone()));
        folded
    })
}

/// Streams spans as tokens through one reused token.
pub struct SpanTokenStream {
    folded: Rc<Folded>,
    spans: Vec<Span>,
    next: usize,
    token: Token,
}

impl SpanTokenStream {
    fn new(folded: Rc<Folded>, spans: Vec<Span>) -> Self {
        SpanTokenStream {
            folded,
            spans,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for SpanTokenStream {
    fn advance(&mut self) -> bool {
        let Some(s) = self.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let t = &mut self.token;
        t.text.clear();
        t.text.push_str(&self.folded.text[s.start..s.end]);
        t.offset_from = s.from;
        t.offset_to = s.to;
        t.position = s.position;
        t.position_length = 1;
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<(String, usize)> {
        tokens
            .iter()
            .map(|t| (t.text.clone(), t.position))
            .collect()
    }

    #[test]
    fn grams_index_side() {
        let t = gram_tokens("你好世界", true);
        let got = texts(&t);
        assert!(got.contains(&("你".into(), 0)));
        assert!(got.contains(&("你好".into(), 0)));
        assert!(got.contains(&("好世".into(), 1)));
        assert!(got.contains(&("界".into(), 3)));
        assert_eq!(got.len(), 7, "4 unigrams and 3 bigrams: {got:?}");
    }

    #[test]
    fn emoji_are_terms_and_their_skin_tones_are_gaps() {
        let got = texts(&gram_tokens_with("好用👍🏻😡😡 ok", Unigrams::Edges));
        assert_eq!(
            got,
            vec![
                ("好".into(), 0),
                ("好用".into(), 0),
                ("用".into(), 1),
                ("👍".into(), 2),
                ("😡".into(), 4),
                ("😡".into(), 5),
                ("ok".into(), 7),
            ]
        );
    }

    #[test]
    fn grams_body_side_keeps_unigrams_at_run_edges() {
        let got = texts(&gram_tokens_with("你好世界，退", Unigrams::Edges));
        assert_eq!(
            got,
            vec![
                ("你".into(), 0),
                ("你好".into(), 0),
                ("好世".into(), 1),
                ("世界".into(), 2),
                ("界".into(), 3),
                ("退".into(), 5),
            ]
        );
    }

    #[test]
    fn grams_query_side_uses_bigrams_only() {
        let got = texts(&gram_tokens("好世界", false));
        assert_eq!(got, vec![("好世".into(), 0), ("世界".into(), 1)]);
        let single = texts(&gram_tokens("退", false));
        assert_eq!(single, vec![("退".into(), 0)]);
    }

    #[test]
    fn grams_mixed_latin_and_fullwidth() {
        let got = texts(&gram_tokens("ｉＰｈｏｎｅ15的5G套餐", false));
        assert_eq!(
            got,
            vec![
                ("iphone".into(), 0),
                ("15".into(), 1),
                ("的".into(), 2),
                ("5".into(), 3),
                ("g".into(), 4),
                ("套餐".into(), 5),
            ]
        );
    }

    #[test]
    fn grams_offsets_point_into_original() {
        let src = "ＡＢ退貨";
        for t in gram_tokens(src, true) {
            assert!(src.is_char_boundary(t.offset_from) && src.is_char_boundary(t.offset_to));
        }
        let t = gram_tokens(src, true);
        assert_eq!(&src[t[0].offset_from..t[0].offset_to], "ＡＢ");
    }

    #[test]
    fn words_sorted_and_folded() {
        let jieba = Jieba::new();
        let toks = word_tokens(&jieba, "中华人民共和国的ＡＰＰ退貨", true);
        let mut last = 0;
        for t in &toks {
            assert!(t.offset_from >= last);
            last = t.offset_from;
        }
        assert!(toks.iter().any(|t| t.text == "app"));
        assert!(toks.iter().any(|t| t.text == "中华"));
    }

    fn streamed(mut tok: impl Tokenizer, text: &str) -> Vec<Token> {
        let mut stream = tok.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    #[test]
    fn index_streams_match_the_token_lists() {
        let seg = Arc::new(Segmenter::start(&[]).unwrap());
        let jieba = seg.get();
        let texts = [
            "中华人民共和国的ＡＰＰ退貨",
            "iPhone15 连不上云雀手表，Pro版也不行㎏",
            "",
            "，，！",
            "退",
            "中华人民共和国的ＡＰＰ退貨",
        ];
        // Alternating texts also exercise the shared fold between the two analyzers.
        for text in texts {
            let words = streamed(WordsTokenizer::new(seg.clone()), text);
            assert_eq!(words, word_tokens(jieba, text, true), "{text}");
            let grams = streamed(GramsTokenizer::new(Unigrams::All), text);
            assert_eq!(grams, gram_tokens(text, true), "{text}");
            let edge = streamed(GramsTokenizer::new(Unigrams::Edges), text);
            assert_eq!(edge, gram_tokens_with(text, Unigrams::Edges), "{text}");
        }
    }
}
