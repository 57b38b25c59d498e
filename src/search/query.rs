//! The filter's query language, after fzf's.
//!
//! ```text
//! putin | lavrov taliban     (putin OR lavrov) AND taliban: `|` binds tighter
//! foo      fuzzy             'foo   exact substring
//! ^foo     prefix            foo$   suffix          ^foo$  whole word / title
//! !foo     excludes (an exact substring; !^foo and !foo$ too)
//! t:foo    titles only       @foo   actors only     k:person  names an actor of a kind
//! is:unread is:read is:bookmarked is:noted   the marks the user put on articles
//! a\ b     a literal space
//! ```
//!
//! Smart case per term: an uppercase letter makes that term case-sensitive;
//! a Latin diacritic makes it diacritic-sensitive. Parsing never fails: a
//! term still being typed (`!`, `'`, `t:`) is ignored until it has text, and
//! an unknown kind is reported in [`Query::problems`] and matches nothing.

use super::fold::{self, Sense};
use crate::actors::Kind;

/// How a term's text must appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The letters in order (titles, actor names), or a word that fits
    /// (bodies; see the engine).
    Fuzzy,
    /// The exact text anywhere (`'foo`).
    Substring,
    /// At the start (`^foo`): of the title, a name, or a word.
    Prefix,
    /// At the end (`foo$`).
    Suffix,
    /// The whole title, name or word (`^foo$`).
    Whole,
}

/// Which part of an article a term looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Title, actor names and body words.
    Any,
    /// The title only (`t:`).
    Title,
    /// The names and aliases of the actors it names (`@`).
    Actors,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The pattern as typed, without its prefixes and suffix.
    pub text: String,
    /// The pattern fully folded (lowercase, no diacritics), as the index
    /// holds words and titles.
    pub key: String,
    /// Case and diacritic sensitivity asked for by what was typed.
    pub sense: Sense,
    /// How the text must appear.
    pub form: Form,
    /// Where to look.
    pub field: Field,
    /// `!`: the article must not match.
    pub negated: bool,
}

impl Term {
    /// `text` as the haystack must show it: folded as far as the term's
    /// sense allows.
    pub fn pattern(&self) -> String {
        fold::transform(&self.text, self.sense)
    }

    /// Whether the text holds more than one word (a space or punctuation),
    /// which bodies then match as a phrase.
    pub fn is_phrase(&self) -> bool {
        !self.key.chars().all(crate::words::is_word_char)
    }
}

/// A mark the user puts on articles, asked for with `is:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Opened for a few seconds or scrolled to the end (`is:read`).
    Read,
    /// Not read yet (`is:unread`).
    Unread,
    /// Bookmarked with `b` (`is:bookmarked`).
    Bookmarked,
    /// With a note (`is:noted`).
    Noted,
}

impl Mark {
    /// The mark named `s`: a few other words for it, or the start of its
    /// name ("is:b", "is:un"), as `k:` takes the start of a kind.
    pub fn parse(s: &str) -> Option<Mark> {
        let s = s.to_ascii_lowercase();
        match s.as_str() {
            "" => None,
            "new" => Some(Mark::Unread),
            "starred" => Some(Mark::Bookmarked),
            _ => [
                ("read", Mark::Read),
                ("unread", Mark::Unread),
                ("bookmarked", Mark::Bookmarked),
                ("noted", Mark::Noted),
            ]
            .into_iter()
            .find(|(name, _)| name.starts_with(&s))
            .map(|(_, m)| m),
        }
    }
}

/// One condition of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A text term.
    Term(Term),
    /// `k:kind`: the article names an actor of this kind (or, negated,
    /// none); an unknown kind (`None`) matches nothing.
    Kind {
        /// The kind, if it was recognised.
        kind: Option<Kind>,
        /// `!k:kind`.
        negated: bool,
    },
    /// `is:mark`: the user marked the article so (or, negated, did not);
    /// an unknown mark (`None`) matches nothing.
    Is {
        /// The mark, if it was recognised.
        mark: Option<Mark>,
        /// `!is:mark`.
        negated: bool,
    },
}

/// The most conditions a query keeps (the rest of a long paste is left
/// out, and the user told).
pub const MAX_GROUPS: usize = 40;

/// A parsed query: every group must match; a group matches when any of its
/// clauses does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The query as typed.
    pub raw: String,
    /// AND of OR-groups.
    pub groups: Vec<Vec<Clause>>,
    /// Things the user should know (an unknown kind).
    pub problems: Vec<String>,
    /// Whether terms beyond [`MAX_GROUPS`] were left out (said last in
    /// `problems`).
    pub capped: bool,
    /// How many of `problems`, from the first, are errors; the rest
    /// (after them: a hint such as "write !russia", the cap) only inform.
    errors: usize,
}

impl Query {
    /// The problems that make the query ask something other than what was
    /// typed (an unknown kind or mark, a term both t: and @), as opposed
    /// to a long query cut short: a script is stopped by these.
    pub fn errors(&self) -> &[String] {
        &self.problems[..self.errors]
    }

    /// Parses a query; never fails.
    pub fn parse(raw: &str) -> Query {
        let mut q = Query {
            raw: raw.to_owned(),
            ..Query::default()
        };
        let mut or_next = false;
        let mut hints = Vec::new();
        for token in tokens(raw) {
            // `||`, as programmers write "or", is `|` too.
            if token.iter().all(|&c| c == ('|', false)) {
                or_next = !q.groups.is_empty();
                continue;
            }
            let Some(clause) = parse_term(&token, &mut q.problems, &mut hints) else {
                continue;
            };
            match q.groups.last_mut() {
                Some(group) if or_next => {
                    if !group.contains(&clause) {
                        group.push(clause);
                    }
                }
                _ => q.groups.push(vec![clause]),
            }
            or_next = false;
        }
        // A condition said twice is said once: a paste of a paragraph
        // repeats its words, and each term costs a search and a pass over
        // every title and article drawn (250 pairs of "a b" held the
        // screen for 10 s on bbc).
        // Errors first, as errors() counts them; then hints.
        q.errors = q.problems.len();
        q.problems.append(&mut hints);
        let mut seen: Vec<Vec<Clause>> = Vec::new();
        for g in q.groups.drain(..) {
            if seen.contains(&g) {
                continue;
            }
            if seen.len() == MAX_GROUPS {
                q.problems.push(format!(
                    "only the first {MAX_GROUPS} terms are searched for"
                ));
                q.capped = true;
                break;
            }
            seen.push(g);
        }
        q.groups = seen;
        q
    }

    /// Whether the query has no condition (everything matches).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every term that is not negated: what the reader and titles highlight.
    pub fn positive_terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flatten().filter_map(|c| match c {
            Clause::Term(t) if !t.negated => Some(t),
            _ => None,
        })
    }

    /// Whether the query asks about the user's marks (`is:`), so a search
    /// needs them.
    pub fn uses_marks(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|c| matches!(c, Clause::Is { .. }))
    }

    /// The kinds the query asks for (`k:`), if any.
    pub fn kinds(&self) -> Vec<Kind> {
        self.kind_clauses(false)
    }

    /// The kinds the query excludes (`!k:`).
    pub fn excluded_kinds(&self) -> Vec<Kind> {
        self.kind_clauses(true)
    }

    fn kind_clauses(&self, excluded: bool) -> Vec<Kind> {
        self.groups
            .iter()
            .flatten()
            .filter_map(|c| match c {
                Clause::Kind {
                    kind: Some(k),
                    negated,
                } if *negated == excluded => Some(*k),
                _ => None,
            })
            .collect()
    }
}

/// Splits on unescaped spaces; each char carries whether it was escaped.
fn tokens(raw: &str) -> Vec<Vec<(char, bool)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(char, bool)> = Vec::new();
    let mut chars = raw.chars().peekable();
    // Inside double quotes: a phrase, as `'` with escaped spaces writes it
    // ("crocus city hall" is 'crocus\ city\ hall).
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(
                chars.peek(),
                Some(' ' | '|' | '\\' | '$' | '!' | '\'' | '^' | '"')
            ) =>
            {
                let next = chars.next().unwrap_or('\\');
                cur.push((next, true));
            }
            '"' | '“' | '”' => {
                if !quoted {
                    cur.push(('\'', false));
                }
                quoted = !quoted;
            }
            c if c.is_whitespace() && quoted => cur.push((' ', true)),
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push((c, false)),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One term's clause; what is wrong with it goes to `problems`, what only
/// informs to `hints`.
fn parse_term(
    token: &[(char, bool)],
    problems: &mut Vec<String>,
    hints: &mut Vec<String>,
) -> Option<Clause> {
    let mut t = token;
    let plain = |t: &[(char, bool)], c: char| t.first() == Some(&(c, false));
    let mut negated = plain(t, '!');
    if negated {
        t = &t[1..];
    }
    // A field prefix in any case: "T:terror" is a title search too.
    let starts = |t: &[(char, bool)], p: &str| {
        t.len() >= p.chars().count()
            && p.chars()
                .zip(t)
                .all(|(a, &(b, esc))| a == b.to_ascii_lowercase() && !esc)
    };
    let mut field = Field::Any;
    // "k:!org" and "is:!read" mean what "!k:org" and "!is:read" say, as
    // "t:!blair" does.
    let value = |t: &[(char, bool)], negated: &mut bool| {
        let t = match t.split_first() {
            Some((&('!', false), rest)) if !*negated => {
                *negated = true;
                rest
            }
            _ => t,
        };
        t.iter().map(|&(c, _)| c).collect::<String>()
    };
    if starts(t, "k:") {
        let text = value(&t[2..], &mut negated);
        if text.is_empty() {
            return None;
        }
        let kind = Kind::parse(&text);
        if kind.is_none() {
            let could: Vec<&str> = Kind::starting(&text).into_iter().map(Kind::name).collect();
            problems.push(match &could[..] {
                [a, b, ..] => format!("k:{text} could be {a} or {b}: type more of the kind"),
                _ => format!(
                    "unknown kind {text:?}: use person, organization, country, place, media or other"
                ),
            });
        }
        return Some(Clause::Kind { kind, negated });
    } else if starts(t, "is:") {
        let text = value(&t[3..], &mut negated);
        if text.is_empty() {
            return None;
        }
        let mark = Mark::parse(&text);
        if mark.is_none() {
            problems.push(format!(
                "unknown mark {text:?}: use is:unread, is:read, is:bookmarked or is:noted"
            ));
        }
        return Some(Clause::Is { mark, negated });
    } else if starts(t, "t:") {
        field = Field::Title;
        t = &t[2..];
        // "t:!blair" means what "!t:blair" says.
        if plain(t, '!') && !negated {
            negated = true;
            t = &t[1..];
        }
        if plain(t, '@') {
            let typed: String = token.iter().map(|&(c, _)| c).collect();
            problems.push(format!(
                "{typed:?} asks for both a title (t:) and an actor (@): a term searches one of them"
            ));
        }
    } else if plain(t, '@') {
        field = Field::Actors;
        t = &t[1..];
    }
    // "-russia" is searched as written (a phrase holding "-"), which
    // matches next to nothing; the user likely meant to leave it out.
    if !negated
        && plain(t, '-')
        && t.get(1)
            .is_some_and(|&(c, _)| crate::words::is_word_char(c))
    {
        let rest: String = t[1..].iter().map(|&(c, _)| c).collect();
        hints.push(format!(
            "-{rest} is searched as written; to leave out {rest}, write !{rest}"
        ));
    }
    let mut form = if negated {
        Form::Substring
    } else {
        Form::Fuzzy
    };
    if plain(t, '\'') {
        form = Form::Substring;
        t = &t[1..];
    } else if plain(t, '^') {
        form = Form::Prefix;
        t = &t[1..];
    }
    if t.last() == Some(&('$', false)) {
        form = if form == Form::Prefix {
            Form::Whole
        } else {
            Form::Suffix
        };
        t = &t[..t.len() - 1];
    }
    let text: String = t.iter().map(|&(c, _)| c).collect();
    if text.is_empty() {
        return None;
    }
    Some(Clause::Term(Term {
        key: fold::fold(&text),
        sense: Sense::of(&text),
        text,
        form,
        field,
        negated,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(q: &Query, g: usize, i: usize) -> &Term {
        match &q.groups[g][i] {
            Clause::Term(t) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let q = Query::parse("putin | lavrov taliban");
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].len(), 2);
        assert_eq!(term(&q, 0, 1).text, "lavrov");
        assert_eq!(term(&q, 1, 0).text, "taliban");
    }

    #[test]
    fn forms_and_fields() {
        let q = Query::parse("'exact ^pre suf$ ^whole$ !not !^np t:title @act fuzzy");
        let forms: Vec<(Form, Field, bool)> = q
            .groups
            .iter()
            .map(|g| match &g[0] {
                Clause::Term(t) => (t.form, t.field, t.negated),
                other => panic!("{other:?}"),
            })
            .collect();
        use Field::*;
        use Form::*;
        assert_eq!(
            forms,
            [
                (Substring, Any, false),
                (Prefix, Any, false),
                (Suffix, Any, false),
                (Whole, Any, false),
                (Substring, Any, true),
                (Prefix, Any, true),
                (Fuzzy, Title, false),
                (Fuzzy, Actors, false),
                (Fuzzy, Any, false),
            ]
        );
    }

    #[test]
    fn a_term_said_twice_counts_once_and_a_long_paste_is_cut() {
        let q = Query::parse(&"a b ".repeat(250));
        assert_eq!(q.groups.len(), 2);
        assert!(q.problems.is_empty());
        let q = Query::parse("putin | putin | kabul putin");
        assert_eq!(q.groups.len(), 2, "{:?}", q.groups);
        assert_eq!(q.groups[0].len(), 2, "putin | kabul");
        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let q = Query::parse(&words.join(" "));
        assert_eq!(q.groups.len(), MAX_GROUPS);
        assert_eq!(
            term(&q, MAX_GROUPS - 1, 0).key,
            format!("w{}", MAX_GROUPS - 1)
        );
        assert!(q.problems[0].contains("first 40 terms"), "{:?}", q.problems);
        assert!(q.errors().is_empty(), "a cut query is no error");
        // Negated and plain are different conditions.
        assert_eq!(Query::parse("putin !putin").groups.len(), 2);
    }

    #[test]
    fn double_quotes_make_a_phrase() {
        let q = Query::parse("\"crocus city hall\" putin");
        assert_eq!(q.groups.len(), 2);
        let t = term(&q, 0, 0);
        assert_eq!(
            (t.form, t.text.as_str()),
            (Form::Substring, "crocus city hall")
        );
        assert!(t.is_phrase());
        let q = Query::parse("!t:“kremlin says”");
        let t = term(&q, 0, 0);
        assert!(t.negated && t.field == Field::Title && t.text == "kremlin says");
        // An escaped quote is a character to look for.
        assert_eq!(term(&Query::parse(r#"say\"s"#), 0, 0).text, "say\"s");
    }

    #[test]
    fn escaped_space_joins_a_term() {
        let q = Query::parse(r"'vladimir\ putin");
        assert_eq!(q.groups.len(), 1);
        assert_eq!(term(&q, 0, 0).text, "vladimir putin");
        assert!(term(&q, 0, 0).is_phrase());
    }

    #[test]
    fn smart_case_and_diacritics_per_term() {
        let q = Query::parse("Putin sérgei kabul");
        assert!(term(&q, 0, 0).sense.case);
        assert!(term(&q, 1, 0).sense.marks && !term(&q, 1, 0).sense.case);
        assert_eq!(term(&q, 1, 0).key, "sergei");
        assert!(term(&q, 2, 0).sense.is_folded());
    }

    #[test]
    fn kinds_parse_and_unknown_kinds_are_reported() {
        let q = Query::parse("k:person !k:org k:planet");
        assert_eq!(q.kinds(), [Kind::Person]);
        assert_eq!(q.excluded_kinds(), [Kind::Organization]);
        assert_eq!(q.problems.len(), 1);
        assert!(q.problems[0].contains("planet"));
    }

    #[test]
    fn kinds_and_marks_negate_either_way() {
        for typed in ["k:!org", "!k:org", "K:!ORG"] {
            let q = Query::parse(typed);
            assert_eq!(q.excluded_kinds(), [Kind::Organization], "{typed}");
            assert!(q.problems.is_empty(), "{typed}: {:?}", q.problems);
        }
        assert_eq!(
            Query::parse("is:!read").groups,
            Query::parse("!is:read").groups
        );
        assert!(Query::parse("k:!").is_empty(), "still being typed");
        assert_eq!(
            Query::parse("!k:!org").problems.len(),
            1,
            "a second ! is not taken as a double negation"
        );
    }

    #[test]
    fn a_kind_two_kinds_start_with_asks_for_more() {
        let q = Query::parse("k:p");
        assert_eq!(q.kinds(), []);
        assert_eq!(
            q.problems,
            ["k:p could be person or place: type more of the kind"]
        );
        let q = Query::parse("k:o");
        assert_eq!(
            q.problems,
            ["k:o could be organization or other: type more of the kind"]
        );
        assert_eq!(Query::parse("k:pl").kinds(), [Kind::Place]);
        assert_eq!(Query::parse("k:per").kinds(), [Kind::Person]);
    }

    #[test]
    fn a_double_bar_is_or() {
        assert_eq!(
            Query::parse("putin || lavrov").groups,
            Query::parse("putin | lavrov").groups
        );
        assert_eq!(Query::parse("putin || lavrov").groups.len(), 1);
    }

    #[test]
    fn field_prefixes_are_read_in_any_case() {
        for (upper, lower) in [
            ("T:terror", "t:terror"),
            ("K:Person", "k:person"),
            ("IS:read", "is:read"),
        ] {
            assert_eq!(
                Query::parse(upper).groups,
                Query::parse(lower).groups,
                "{upper}"
            );
        }
    }

    #[test]
    fn half_typed_terms_are_ignored() {
        for raw in [
            "", "   ", "!", "'", "^", "$", "t:", "@", "k:", "is:", "|", "a |", "| a",
        ] {
            let q = Query::parse(raw);
            assert!(q.groups.len() <= 1, "{raw:?}: {q:?}");
            assert!(q.groups.iter().flatten().all(|c| match c {
                Clause::Term(t) => !t.text.is_empty(),
                Clause::Kind { .. } | Clause::Is { .. } => true,
            }));
        }
        assert!(Query::parse("a |").groups[0].len() == 1);
    }

    #[test]
    fn a_title_term_negates_either_way_and_refuses_an_actor_too() {
        for typed in ["!t:blair", "t:!blair", "T:!blair"] {
            let q = Query::parse(typed);
            let t = term(&q, 0, 0);
            assert!(t.negated && t.field == Field::Title, "{typed}: {t:?}");
            assert_eq!(t.text, "blair", "{typed}");
            assert!(q.problems.is_empty(), "{typed}");
        }
        let q = Query::parse("t:@blair");
        assert_eq!(q.problems.len(), 1);
        assert!(q.problems[0].contains("both a title"), "{:?}", q.problems);
    }

    #[test]
    fn a_leading_dash_says_how_to_leave_a_word_out() {
        // helper-30: "taliban -russia" found nothing, and said nothing.
        let q = Query::parse("taliban -russia");
        assert_eq!(
            q.problems,
            ["-russia is searched as written; to leave out russia, write !russia"]
        );
        // Dashes elsewhere, escaped, or alone are as typed, unremarked.
        for typed in ["isis-k", "\\-russia", "a - b", "!-x"] {
            assert!(Query::parse(typed).problems.is_empty(), "{typed}");
        }
        // A hint, not an error: a script still gets its answer.
        assert!(Query::parse("-russia k:wizard").errors()[0].contains("wizard"));
        assert_eq!(Query::parse("-russia k:wizard").errors().len(), 1);
        assert!(Query::parse("taliban -russia").errors().is_empty());
    }

    #[test]
    fn a_mark_may_be_named_by_its_start_as_a_kind_is() {
        for (short, whole) in [
            ("is:b", "is:bookmarked"),
            ("is:un", "is:unread"),
            ("is:r", "is:read"),
            ("is:n", "is:noted"),
            ("!is:book", "!is:bookmarked"),
        ] {
            let q = Query::parse(short);
            assert!(q.problems.is_empty(), "{short}: {:?}", q.problems);
            assert_eq!(q.groups, Query::parse(whole).groups, "{short}");
        }
        assert_eq!(Query::parse("is:readx").problems.len(), 1);
    }

    #[test]
    fn marks_parse_negate_and_unknown_ones_are_reported() {
        let q = Query::parse("is:bookmarked !is:read is:Unread kabul is:starred is:later");
        let marks: Vec<(Option<Mark>, bool)> = q
            .groups
            .iter()
            .filter_map(|g| match g[0] {
                Clause::Is { mark, negated } => Some((mark, negated)),
                _ => None,
            })
            .collect();
        assert_eq!(
            marks,
            [
                (Some(Mark::Bookmarked), false),
                (Some(Mark::Read), true),
                (Some(Mark::Unread), false),
                (None, false),
            ]
        );
        // "starred" is "bookmarked", so it was said once.
        assert_eq!(
            Query::parse("is:starred").groups,
            Query::parse("is:bookmarked").groups
        );
        assert!(q.uses_marks() && !Query::parse("kabul").uses_marks());
        assert_eq!(q.problems.len(), 1);
        assert!(q.problems[0].contains("later"), "{:?}", q.problems);
        assert_eq!(q.errors(), q.problems, "an unknown mark is an error");
        // Escaped, it is text to look for.
        assert!(!Query::parse(r"is\:read").uses_marks());
    }
}
