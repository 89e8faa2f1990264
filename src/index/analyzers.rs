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
//! Runs of ASCII letters are English words: they are indexed and looked up by their stem (see
//! `english`), so every form of a word meets the same term; the offsets still span the whole word.
//! A word written in pieces (e-mail, I'm) is indexed joined, with its pieces at the same position;
//! a query phrase of the pieces finds it there, looked up at one position
//! (`compounds::pieces_at_one_position`).
//!
//! Offsets are byte offsets into the original (unfolded) text, so highlights land correctly.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::english;
use super::fold::{Folded, fold};
use super::segmenter::Segmenter;

// The names carry the analyzers' version. tantivy keeps a field's tokenizer name in the schema,
// so an index written by analyzers that emitted other terms has another schema and is rebuilt
// from the store on open. Raise the version in all three whenever what they emit changes
// (2: zero-width characters fold away, emoji became terms; 3: English words as stems, a
// possessive 's dropped; 4: hyphenated words and n't contractions also joined, stems overridden
// where Snowball goes wrong; 5: contractions such as I'm and you're joined, British spellings
// stemmed as American ones).
pub const WORDS_INDEX: &str = "vh_words_5";
pub const GRAMS: &str = "vh_grams_5";
/// Bigrams, with unigrams only at the edges of a run: record bodies.
pub const GRAMS_EDGE: &str = "vh_grams_edge_5";
/// Which single characters a run of ideographic characters yields besides its bigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unigrams {
    /// Every character (titles and authors).
    All,
    /// The first and last of each run (record bodies).
    Edges,
    /// Only a run of one (the query side: fewer, rarer terms, same positions as the index).
    Lone,
    /// Every character and no bigrams, and letters not stemmed: the units a highlight compares
    /// (see `units`), which stems only the words that could match.
    Units,
    /// The units of a query's word, where a joined word (e-mail) is that word alone, as in
    /// `Lone`.
    QueryUnits,
}

impl Unigrams {
    fn is_units(self) -> bool {
        matches!(self, Unigrams::Units | Unigrams::QueryUnits)
    }

    /// Does a joined word (e-mail, can't) also yield its pieces? In a record yes, so `mail`
    /// still finds "e-mail"; a query looks up the joined word only, which both spellings hold.
    fn with_pieces(self) -> bool {
        !matches!(self, Unigrams::Lone | Unigrams::QueryUnits)
    }
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
        SpanTokenStream::new(folded, Spans::plain(spans))
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
    to_tokens(&folded, &Spans::plain(spans))
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

/// What search compares, one at a time, in `folded`: each ideograph, emoji, run of letters
/// (unstemmed) and run of digits, at the positions the gram fields give them (a gap between
/// two units puts one more position between them). A joined word (e-mail) is a unit spelled
/// without its hyphen, with its pieces at the same position. Highlights match query words
/// (see `query_units`) against these.
pub fn units(folded: &Folded) -> Units {
    Units::of(gram_spans(folded, Unigrams::Units))
}

/// The units of a query word: as `units`, but a joined word is only its joined spelling.
pub fn query_units(folded: &Folded) -> Units {
    Units::of(gram_spans(folded, Unigrams::QueryUnits))
}

/// The units of a text, sorted by position.
pub struct Units {
    pub list: Vec<Unit>,
    /// The spellings of joined words, which the folded text does not hold.
    joined: String,
}

impl Units {
    fn of(spans: Spans) -> Units {
        let list = spans
            .list
            .into_iter()
            .map(|s| Unit {
                start: s.start,
                end: s.end,
                from: s.from,
                to: s.to,
                position: s.position,
                joined: s.stemmed,
            })
            .collect();
        Units {
            list,
            joined: spans.stems,
        }
    }

    /// The folded text of unit `u`, a joined word without its hyphen or apostrophe.
    pub fn text<'a>(&'a self, folded: &'a Folded, u: &Unit) -> &'a str {
        let from = if u.joined { &self.joined } else { &folded.text };
        &from[u.start..u.end]
    }
}

/// One unit of `units`: `start..end` in the folded text (or in the joined spellings), `from..to`
/// in the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub from: usize,
    pub to: usize,
    pub position: usize,
    joined: bool,
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
    /// `start..end` is in the stems the spans carry, not in the folded text: an English stem
    /// that is not the start of its word (happy → happi), or a joined word (e-mail → email).
    stemmed: bool,
}

impl Span {
    fn new(folded: &Folded, start: usize, end: usize, position: usize) -> Span {
        Span {
            start,
            end,
            from: folded.original_offset(start),
            to: folded.original_offset(end),
            position,
            stemmed: false,
        }
    }
}

/// The spans of a text, and the stems and joined words that are not in the folded text, one
/// after another.
struct Spans {
    list: Vec<Span>,
    stems: String,
}

impl Spans {
    fn plain(list: Vec<Span>) -> Spans {
        Spans {
            list,
            stems: String::new(),
        }
    }

    fn text<'a>(&'a self, folded: &'a Folded, s: &Span) -> &'a str {
        let from = if s.stemmed { &self.stems } else { &folded.text };
        &from[s.start..s.end]
    }

    /// A run of letters, indexed by its English stem; the span still covers the whole word
    /// in the original, so a highlight marks all of "refunded" for `refund`.
    fn push_word(&mut self, mut span: Span, folded: &Folded) {
        let word = &folded.text[span.start..span.end];
        let stem = english::stem(word);
        if stem != word {
            if word.starts_with(stem.as_ref()) {
                // Most stems are the word's start (refunds → refund): no copy needed.
                span.end = span.start + stem.len();
            } else {
                span.start = self.stems.len();
                self.stems.push_str(&stem);
                span.end = self.stems.len();
                span.stemmed = true;
            }
        }
        self.list.push(span);
    }

    /// A word written in `pieces` (e-mail, can't): the pieces joined, as the word typed without
    /// its hyphen or apostrophe is indexed, over the whole of it; then, when `unigrams` wants
    /// them, each piece as a word of its own at the same position. One position for the whole
    /// keeps "email account" and "e-mail account" the same phrase.
    fn push_joined(&mut self, pieces: &[Span], folded: &Folded, unigrams: Unigrams) {
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return;
        };
        let joined: String = pieces
            .iter()
            .map(|p| &folded.text[p.start..p.end])
            .collect();
        let start = self.stems.len();
        if unigrams.is_units() {
            self.stems.push_str(&joined);
        } else {
            self.stems.push_str(&english::stem(&joined));
        }
        self.list.push(Span {
            start,
            end: self.stems.len(),
            from: first.from,
            to: last.to,
            position: first.position,
            stemmed: true,
        });
        if !unigrams.with_pieces() {
            return;
        }
        for &piece in pieces {
            if unigrams.is_units() {
                self.list.push(piece);
            } else {
                self.push_word(piece, folded);
            }
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

fn gram_spans(folded: &Folded, unigrams: Unigrams) -> Spans {
    let mut out = Spans::plain(Vec::new());
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
                Unigrams::All | Unigrams::Units | Unigrams::QueryUnits => true,
                Unigrams::Edges => first || last,
                Unigrams::Lone => first && last,
            };
            if keep {
                out.list.push(Span::new(folded, b, end, pos));
            }
            if let Some(&(nb, nc)) = next.filter(|_| !unigrams.is_units()) {
                out.list.push(Span::new(folded, b, nb + nc.len_utf8(), pos));
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
            let mut j = run_end(&chars, i, digit);
            let end = |j: usize| chars.get(j).map(|(e, _)| *e).unwrap_or(folded.text.len());
            let span = Span::new(folded, b, end(j), pos);
            if !digit && english::joins_at(&chars, j) {
                // e-mail, can't: one word, written joined; its pieces stand at its position.
                let mut pieces = vec![span];
                while english::joins_at(&chars, j) {
                    let k = run_end(&chars, j + 1, false);
                    pieces.push(Span::new(folded, chars[j + 1].0, end(k), pos));
                    j = k;
                }
                out.push_joined(&pieces, folded, unigrams);
            } else if digit || unigrams.is_units() {
                out.list.push(span);
            } else {
                out.push_word(span, folded);
            }
            pos += 1;
            i = j;
            // customer's is customer: the s is not a word of its own (and "customers" is
            // found by `customer's`, whose stem is the same).
            if !digit && english::possessive_at(&chars, j) {
                i = j + 2;
                gap = true;
            }
        } else if is_pictograph(c) {
            // An emoji stands for a word on social channels (😡, 👍): each is a term of its own,
            // and a sequence of them (a flag's two letters) is a phrase.
            if gap {
                pos += 1;
                gap = false;
            }
            out.list.push(Span::new(folded, b, b + c.len_utf8(), pos));
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

/// Where the run of letters (or of digits) that starts at `chars[i]` ends.
fn run_end(chars: &[(usize, char)], i: usize, digit: bool) -> usize {
    let mut j = i;
    while j < chars.len()
        && chars[j].1.is_alphanumeric()
        && !is_ideographic(chars[j].1)
        && chars[j].1.is_numeric() == digit
    {
        j += 1;
    }
    j
}

fn prev_ideographic(chars: &[(usize, char)], i: usize) -> bool {
    i > 0 && is_ideographic(chars[i - 1].1)
}

fn to_tokens(folded: &Folded, spans: &Spans) -> Vec<Token> {
    spans
        .list
        .iter()
        .map(|s| Token {
            offset_from: s.from,
            offset_to: s.to,
            position: s.position,
            text: spans.text(folded, s).to_string(),
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
    spans: Spans,
    next: usize,
    token: Token,
}

impl SpanTokenStream {
    fn new(folded: Rc<Folded>, spans: Spans) -> Self {
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
        let Some(s) = self.spans.list.get(self.next) else {
            return false;
        };
        self.next += 1;
        let t = &mut self.token;
        t.text.clear();
        t.text.push_str(self.spans.text(&self.folded, s));
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
                // iPhone's English stem: every form of a Latin word meets one term.
                ("iphon".into(), 0),
                ("15".into(), 1),
                ("的".into(), 2),
                ("5".into(), 3),
                ("g".into(), 4),
                ("套餐".into(), 5),
            ]
        );
    }

    #[test]
    fn english_words_are_indexed_by_stem_over_the_whole_word() {
        let src = "Refunded ＡＰＰｓ, the customer's happy";
        let got: Vec<(String, String, usize)> = gram_tokens(src, true)
            .into_iter()
            .map(|t| {
                let original = src[t.offset_from..t.offset_to].to_string();
                (t.text, original, t.position)
            })
            .collect();
        let want = [
            ("refund", "Refunded", 0),
            ("app", "ＡＰＰｓ", 2),
            ("the", "the", 4),
            // Snowball's custom, overridden: customer is not custom.
            ("customer", "customer", 6),
            // A stem that is not the start of its word (happy → happi).
            ("happi", "happy", 8),
        ];
        let want: Vec<(String, String, usize)> = want
            .iter()
            .map(|(a, b, p)| (a.to_string(), b.to_string(), *p))
            .collect();
        assert_eq!(got, want);
        // Digits and Chinese are as they were.
        assert_eq!(
            texts(&gram_tokens("iPhones15退款", false)),
            vec![("iphon".into(), 0), ("15".into(), 1), ("退款".into(), 2)]
        );
    }

    #[test]
    fn a_joined_word_is_indexed_whole_with_its_pieces_at_its_position() {
        let src = "E-mails can’t wait";
        let got: Vec<(String, &str, usize)> = gram_tokens(src, true)
            .into_iter()
            .map(|t| (t.text, &src[t.offset_from..t.offset_to], t.position))
            .collect();
        let want = [
            ("email", "E-mails", 0),
            ("e", "E", 0),
            ("mail", "mails", 0),
            ("cant", "can’t", 2),
            ("can", "can", 2),
            ("t", "t", 2),
            ("wait", "wait", 4),
        ];
        let want: Vec<(String, &str, usize)> = want
            .iter()
            .map(|(a, b, p)| (a.to_string(), *b, *p))
            .collect();
        assert_eq!(got, want);
        // A query looks up the joined word alone, at the position a word typed joined has.
        assert_eq!(
            texts(&gram_tokens(src, false)),
            texts(&gram_tokens("emails cant wait", false))
        );
        assert_eq!(
            texts(&gram_tokens(src, false)),
            vec![("email".into(), 0), ("cant".into(), 2), ("wait".into(), 4)]
        );
    }

    #[test]
    fn a_contraction_that_joins_is_indexed_as_a_hyphenated_word_is() {
        let got = texts(&gram_tokens("I'm sure you’re right, we'll see", true));
        let want = [
            ("im", 0),
            ("i", 0),
            ("m", 0),
            ("sure", 2),
            ("youre", 4),
            ("you", 4),
            ("re", 4),
            ("right", 6),
            // we'll is not well: the apostrophe stays a gap between two words
            ("we", 8),
            ("ll", 10),
            ("see", 12),
        ];
        let want: Vec<(String, usize)> = want.iter().map(|(t, p)| (t.to_string(), *p)).collect();
        assert_eq!(got, want);
        assert_eq!(
            texts(&gram_tokens("I'm sure youre right", false)),
            texts(&gram_tokens("im sure you're right", false))
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
            "Refunded ＡＰＰｓ, the customer's happy",
            "E-mails can’t wait, follow-up-call",
            "I'm sure you’re right, we'll see the colours",
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
