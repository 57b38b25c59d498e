//! Dated expressions in news text: full dates ("May 29, 2024", "1 April
//! 2024"), month and day ("October 4"), month and year ("June 2024"), a
//! month after a preposition ("in July"), years after a preposition ("since
//! 2003", "from 2018 to 2020"), weekdays ("on Friday") and relative phrases
//! ("about two weeks ago", "last year").
//!
//! What the text writes is kept apart from what is inferred. A year-less
//! date takes its year from the article's publication date when the corpus
//! gives one (the year that puts it within ten months before to two months
//! after publication, or, in a clause about the future such as "the summit
//! will open on December 20", within a week before to a year after);
//! otherwise from the latest date the article writes
//! out with a month and a year (news cites the past with explicit years and
//! speaks of the present without them, so "October 4" in an article that
//! mentions "December 2023" is the October after it, and a date in the
//! anchor's month or the eleven after it), unless the article writes a
//! later year, which makes that date history or the text forward-looking;
//! otherwise it stays year-less. Weekdays and "two weeks ago" need the publication date;
//! without one they resolve to no more than the inferred year, or stay
//! unresolved. Nothing gains precision it was not given: an event keeps the
//! precision of its source.

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

use super::Window as Toks;
use crate::words::words;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year.
    Year,
    /// The year and month.
    Month,
    /// The day.
    Day,
}

/// A calendar date at some precision: `month` and `day` are 0 when not
/// known, `year` is `None` for "October 4" in an article that gives no
/// year to read it against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct When {
    /// The year, when known.
    pub year: Option<i32>,
    /// 1 to 12, or 0.
    pub month: u8,
    /// 1 to 31, or 0.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl When {
    /// A year.
    pub fn year(y: i32) -> When {
        When {
            year: Some(y),
            month: 0,
            day: 0,
        }
    }

    /// A month of a year.
    pub fn month(y: i32, m: u8) -> When {
        When {
            year: Some(y),
            month: m,
            day: 0,
        }
    }

    /// A day.
    pub fn day(y: i32, m: u8, d: u8) -> When {
        When {
            year: Some(y),
            month: m,
            day: d,
        }
    }

    fn of(date: NaiveDate) -> When {
        When::day(date.year(), date.month() as u8, date.day() as u8)
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The same date with at most `p` precision.
    pub fn at_most(self, p: Precision) -> When {
        match p {
            Precision::Year => When {
                month: 0,
                day: 0,
                ..self
            },
            Precision::Month => When { day: 0, ..self },
            Precision::Day => self,
        }
    }

    /// As ISO 8601 at its precision: `2024-05-29`, `2024-05`, `2024`, or
    /// `--10-04` for a day whose year is unknown.
    pub fn iso(&self) -> String {
        let y = self
            .year
            .map_or_else(|| "-".to_owned(), |y| format!("{y:04}"));
        match self.precision() {
            Precision::Year => y,
            Precision::Month => format!("{y}-{:02}", self.month),
            Precision::Day => format!("{y}-{:02}-{:02}", self.month, self.day),
        }
    }

    fn naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, u32::from(self.month), u32::from(self.day))
    }

    /// Writes the date with `months` as the month names.
    fn write(&self, f: &mut impl fmt::Write, months: &[&str; 12]) -> fmt::Result {
        let month = months.get(usize::from(self.month).wrapping_sub(1));
        match (self.year, month, self.day) {
            (Some(y), None, _) => write!(f, "{y}"),
            (Some(y), Some(m), 0) => write!(f, "{m} {y}"),
            (Some(y), Some(m), d) => write!(f, "{d} {m} {y}"),
            (None, Some(m), 0) => write!(f, "{m}"),
            (None, Some(m), d) => write!(f, "{d} {m}"),
            (None, None, _) => write!(f, "undated"),
        }
    }

    /// The date with its month cut to three letters, for narrow columns:
    /// "20 Nov 2024".
    fn short(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = self.write(&mut s, &SHORT_MONTHS);
        s
    }
}

impl fmt::Display for When {
    /// "29 May 2024", "May 2024", "2024", "4 October" (year unknown).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &MONTHS)
    }
}

/// A date or a range as a reader writes it: "4 October 2024", "5–8 June
/// 2024", "2018–2020", "undated".
pub fn label(when: Option<When>, until: Option<When>) -> String {
    label_with(when, until, When::to_string)
}

/// [`label`] with months cut to three letters: "5–8 Jun 2024", "20 Nov
/// 2024" (what a narrow date column shows).
pub fn short_label(when: Option<When>, until: Option<When>) -> String {
    label_with(when, until, When::short)
}

fn label_with(when: Option<When>, until: Option<When>, show: impl Fn(&When) -> String) -> String {
    let Some(w) = when else {
        return "undated".to_owned();
    };
    let Some(u) = until.filter(|u| *u != w) else {
        return show(&w);
    };
    let same_month = u.year == w.year && u.month == w.month;
    if same_month && w.precision() == Precision::Day && u.precision() == Precision::Day {
        let rest = When { day: 0, ..w };
        return format!("{}–{} {}", w.day, u.day, show(&rest));
    }
    if u.year == w.year && w.precision() == Precision::Year {
        return show(&w);
    }
    if u.year == w.year && w.year.is_some() && w.month > 0 && u.month > 0 {
        // "28 November–3 December 2024": the year once.
        let head = When { year: None, ..w };
        return format!("{}–{}", show(&head), show(&u));
    }
    format!("{}–{}", show(&w), show(&u))
}

/// Which kind of expression the text used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Day, month and year.
    Date,
    /// Day and month ("October 4").
    MonthDay,
    /// Month and year ("June 2024").
    MonthYear,
    /// A month after a preposition ("in July").
    Month,
    /// A year after a preposition ("since 2003").
    Year,
    /// A weekday ("on Friday").
    Weekday,
    /// A phrase relative to the article's date ("two weeks ago").
    Relative,
}

/// One dated expression found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// Byte span of the expression in the article text.
    pub span: Range<u32>,
    /// What the text wrote.
    pub form: Form,
    /// The date it stands for, `None` when it cannot be resolved.
    pub when: Option<When>,
    /// The end of a range ("from 2018 to 2020", "June 5 to 8").
    pub until: Option<When>,
    /// Part of the date (the year, or the whole of a relative phrase) was
    /// read from context rather than written.
    pub inferred: bool,
    /// The phrase itself is approximate ("about two weeks ago").
    pub approx: bool,
}

impl Dated {
    /// The date as read without the article's anchor, from an article
    /// without a publication date: a year-less date keeps no year and a
    /// relative phrase no date, as when the article has no anchor.
    pub fn unanchor(&mut self) {
        if self.form == Form::Relative {
            self.when = None;
        } else if self.inferred {
            let strip = |w: When| When { year: None, ..w };
            self.when = self.when.map(strip);
            self.until = self.until.map(strip);
            self.inferred = false;
        }
    }
}

/// Parses an article's date as a corpus gives it: ISO 8601 (with or
/// without a time), or written out ("29 May 2024", "May 29, 2024").
pub fn parse_article_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s
        .get(..10)
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    let toks: Vec<(usize, &str)> = words(s).collect();
    let found = scan(s, &toks);
    found
        .iter()
        .find_map(|r| r.explicit.filter(|w| w.precision() == Precision::Day))
        .and_then(|w| w.naive())
}

/// The years a corpus's articles were written in, as far as their dates
/// tell: an article without a publication date reads its year-less dates
/// against the latest month it writes with a year (its anchor), and only
/// when that year is one of these.
///
/// An article's anchor is often not its present. A story about the 2004
/// tsunami that recalls "11 September, 2001" put its "this week" in 2001;
/// a forecast "until June 2006" put a 2005 article's months in 2006. Such
/// an anchor is rare among the corpus's anchors, while the years the
/// articles were written in are common: the present is the years whose
/// articles are at least a quarter as many as the commonest year's, from
/// the first such year to the last. (On bbc, 2004-05 news: 100 anchors
/// in 2004, 60 in 2003 and 35 in 2005, against 22 in 2002 and 15 in 2006.)
/// A small corpus, where every year is about as common, keeps them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Present {
    /// The first year.
    pub first: i32,
    /// The last year.
    pub last: i32,
}

impl Present {
    /// The present of a corpus whose articles' years (publication dates,
    /// or anchors where there are none) are `years`; `None` without any.
    pub fn of(years: impl IntoIterator<Item = i32>) -> Option<Present> {
        let mut count: std::collections::BTreeMap<i32, u32> = Default::default();
        for y in years {
            *count.entry(y).or_default() += 1;
        }
        let most = count.values().copied().max()?;
        let mut common = count
            .iter()
            .filter(|&(_, &n)| 4 * n >= most)
            .map(|(&y, _)| y);
        let first = common.next()?;
        let last = common.next_back().unwrap_or(first);
        Some(Present { first, last })
    }

    /// Whether year `y` is in it.
    pub fn holds(&self, y: i32) -> bool {
        (self.first..=self.last).contains(&y)
    }
}

/// Every dated expression of `text`, in text order, resolved against the
/// article's publication date when there is one.
pub fn extract(text: &str, published: Option<NaiveDate>) -> Vec<Dated> {
    let toks: Vec<(usize, &str)> = words(text).collect();
    extract_words(text, &toks, published).0
}

/// Like [`extract`], given the words of `text` with their offsets (so a
/// caller reading the text for other things tokenizes it once). Also
/// returns the year of the anchor when there is no publication date:
/// what [`Present::of`] counts, and when the corpus's present does not
/// hold it, [`Dated::unanchor`] takes back what was read from it.
pub fn extract_words(
    text: &str,
    toks: &[(usize, &str)],
    published: Option<NaiveDate>,
) -> (Vec<Dated>, Option<i32>) {
    let raw = scan(text, toks);
    if raw.is_empty() {
        return (Vec::new(), None);
    }
    let anchor = anchor_of(&raw, toks);
    // And "this year" or "two years ago" against the latest date the
    // article places: after "December 2023", its "October 4" is in 2024,
    // and so is its "this year" (it was 2023 while October was 2024).
    let now = raw
        .iter()
        .filter_map(|r| {
            let (month, day) = r.floating?;
            let year = year_for(month, day, None, anchor);
            Some(When { year, month, day })
        })
        .chain(anchor)
        .max();
    let dates = raw.into_iter().map(|r| resolve(r, published, anchor, now));
    let year = anchor.filter(|_| published.is_none()).and_then(|a| a.year);
    (dates.collect(), year)
}

/// What year-less dates are read against when the corpus gives no
/// publication date, found among an article's expressions `raw` (of its
/// words `toks`).
fn anchor_of(raw: &[Raw], toks: &[(usize, &str)]) -> Option<When> {
    // The latest date written out with a month and a year: what year-less
    // dates are read against when the corpus gives no publication date.
    // A date said of the future is not the present: "the trial is
    // scheduled to begin in October 2006" made the same article's "last
    // October" October 2006 (helper-34, bbc politics/380 and business/414).
    let anchor = raw
        .iter()
        .filter(|r| !r.ahead)
        .flat_map(|r| [r.explicit, r.explicit_until])
        .flatten()
        .filter(|w| w.precision() >= Precision::Month)
        .max();
    // Unless the article writes a later year: then that date is history
    // ("began burning property in December 1979" in a 2004 article that
    // also says "in 1993"; helper-30 found its "12 December" placed in
    // 1979, its "this year" in 1980, a "last year" beside "2004" in 1997)
    // or the text looks ahead ("a fall in 2005, then in 2006 and 2007"),
    // and either way the present is not known: year-less dates and
    // "this year" stay unplaced.
    // Any year counts, not only those read as dates: "the 2005 election",
    // "a 2002 report", "the 2000/2001 season" (helper-31). A count that
    // looks like one ("2000 jobs") only leaves dates unplaced.
    let written = toks
        .iter()
        .filter(|(_, w)| w.len() == 4)
        .filter_map(|&(_, w)| {
            let y: i32 = w.parse().ok()?;
            (1900..=2099).contains(&y).then_some(y)
        });
    let latest_year = raw
        .iter()
        .flat_map(|r| [r.explicit, r.explicit_until])
        .flatten()
        .filter_map(|w| w.year)
        .chain(written)
        .max();
    anchor.filter(|a| a.year >= latest_year)
}

/// An expression as written, before resolution.
#[derive(Debug, Clone)]
struct Raw {
    span: Range<u32>,
    form: Form,
    /// The date when the text gives it whole (with a year).
    explicit: Option<When>,
    explicit_until: Option<When>,
    /// Month and day without a year (day 0 for a month alone).
    floating: Option<(u8, u8)>,
    floating_until: Option<(u8, u8)>,
    weekday: Option<(Weekday, Shift)>,
    /// Unit, how many, and whether ahead ("next year") rather than back.
    relative: Option<(Unit, u32, bool)>,
    approx: bool,
    /// Its clause speaks of the future ("the summit will open on
    /// December 20"): a year-less date or a weekday lies ahead.
    ahead: bool,
    /// Its clause speaks of the past ("leaders met on January 5"): a
    /// year-less date lies before publication.
    behind: bool,
}

impl Raw {
    fn new(span: Range<usize>, form: Form) -> Raw {
        Raw {
            span: span.start as u32..span.end as u32,
            form,
            explicit: None,
            explicit_until: None,
            floating: None,
            floating_until: None,
            weekday: None,
            relative: None,
            approx: false,
            ahead: false,
            behind: false,
        }
    }
}

/// Which occurrence of a weekday: "last Friday", "next Friday", "Friday".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shift {
    Last,
    Next,
    Nearest,
    /// "Friday" in a clause about the future: the publication day or the
    /// next one.
    Coming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn month_of(w: &str) -> Option<u8> {
    let full = MONTHS.iter().position(|m| *m == w).map(|i| i as u8 + 1);
    full.or(match w {
        "Jan" => Some(1),
        "Feb" => Some(2),
        "Mar" => Some(3),
        "Apr" => Some(4),
        "Jun" => Some(6),
        "Jul" => Some(7),
        "Aug" => Some(8),
        "Sep" | "Sept" => Some(9),
        "Oct" => Some(10),
        "Nov" => Some(11),
        "Dec" => Some(12),
        _ => None,
    })
}

/// Whether `w` is a month written in full (abbreviations need a number
/// next to them to count).
fn full_month(w: &str) -> bool {
    MONTHS.contains(&w)
}

/// Whether day `d` of month `m` is in the calendar of year `y` ("31
/// February 2024" is no date, and is not listed; 2000 was a leap year, so
/// it answers for a day with no year).
fn real_day(y: i32, m: u8, d: u8) -> bool {
    NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)).is_some()
}

fn day_of(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
    {
        return None;
    }
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// Whether `w` is a weekday's or a month's name, which keeps its capital.
pub fn names_a_day_or_month(w: &str) -> bool {
    weekday_of(w).is_some() || month_of(w).is_some()
}

fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "Monday" => Weekday::Mon,
        "Tuesday" => Weekday::Tue,
        "Wednesday" => Weekday::Wed,
        "Thursday" => Weekday::Thu,
        "Friday" => Weekday::Fri,
        "Saturday" => Weekday::Sat,
        "Sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn number_of(w: &str) -> Option<(u32, bool)> {
    if let Ok(n) = w.parse::<u32>() {
        return (n <= 1000).then_some((n, false));
    }
    Some(match w.to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => (1, false),
        "two" => (2, false),
        "three" => (3, false),
        "four" => (4, false),
        "five" => (5, false),
        "six" => (6, false),
        "seven" => (7, false),
        "eight" => (8, false),
        "nine" => (9, false),
        "ten" => (10, false),
        "eleven" => (11, false),
        "twelve" => (12, false),
        "few" => (3, true),
        "several" => (4, true),
        "couple" => (2, true),
        _ => return None,
    })
}

fn unit_of(w: &str) -> Option<Unit> {
    Some(match w {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        _ => return None,
    })
}

/// Words after which a bare year or month is a date ("in 2003", "since
/// June"), compared in lower case.
fn date_preposition(w: &str) -> bool {
    if w.len() > 10 {
        return false;
    }
    let mut buf = [0u8; 10];
    buf[..w.len()].copy_from_slice(w.as_bytes());
    buf[..w.len()].make_ascii_lowercase();
    matches!(
        &buf[..w.len()],
        b"in"
            | b"since"
            | b"from"
            | b"to"
            | b"until"
            | b"till"
            | b"by"
            | b"during"
            | b"early"
            | b"late"
            | b"mid"
            | b"before"
            | b"after"
            | b"between"
            | b"and"
            | b"around"
            | b"circa"
            | b"through"
            | b"throughout"
            | b"of"
            | b"last"
            | b"next"
            | b"this"
            | b"on"
    )
}

/// Words that make a relative phrase approximate.
fn hedge(w: &str) -> bool {
    [
        "about",
        "some",
        "nearly",
        "almost",
        "around",
        "roughly",
        "over",
        "approximately",
    ]
    .iter()
    .any(|h| w.eq_ignore_ascii_case(h))
}

/// Words after a four-digit time of day: time zones and "hrs". (A year
/// is never followed by one of them.)
const CLOCK_ZONES: &[&str] = &[
    "GMT", "BST", "UTC", "CET", "CEST", "EET", "ET", "EST", "EDT", "CT", "CST", "CDT", "PT", "PST",
    "PDT", "IST", "JST", "hrs", "hours", "h",
];

/// What lies between words, as the date rules read it.
impl<'a> Toks<'a> {
    /// The text before word `i` back to the previous word.
    fn gap_before(&self, i: usize) -> &'a str {
        if i == 0 {
            &self.text[..self.start(0)]
        } else {
            self.gap(i - 1)
        }
    }

    fn spaced(&self, i: usize) -> bool {
        let g = self.gap(i);
        !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}')
    }

    /// Word `i + 1` follows word `i` after a space or a comma and a space.
    fn spaced_or_comma(&self, i: usize) -> bool {
        let g = self.gap(i).trim_matches(|c| c == ' ' || c == '\u{a0}');
        (g.is_empty() || g == ",") && !self.gap(i).is_empty()
    }

    /// Word `i + 1` continues a range after word `i`: "to", "until", "and"
    /// as a word, or a dash.
    fn range_to(&self, i: usize) -> Option<usize> {
        let g = self.gap(i).trim();
        if matches!(g, "-" | "–" | "—") {
            return Some(i + 1);
        }
        if self.spaced(i)
            && matches!(self.word(i + 1), Some("to" | "until" | "through" | "and"))
            && self.spaced(i + 1)
        {
            return Some(i + 2);
        }
        None
    }

    /// A year written as a year: not part of "2,003", "1.2003", "$2003",
    /// "2003%" or "2003/04", nor a size ("2048 x 1080", "1920*1080"), and
    /// not a clock time ("by 1830 GMT").
    fn standalone_number(&self, i: usize) -> bool {
        let before = self.gap_before(i);
        let after = self.gap(i);
        let glued_before = before.ends_with([',', '.', '$', '£', '€', '/']);
        let digits_at = |k: usize| {
            self.word(k)
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        };
        let glued_after =
            after.starts_with(['%', '/']) || (matches!(after, "," | ".") && digits_at(i + 1));
        let times = |g: &str| matches!(g.trim(), "x" | "X" | "×" | "*");
        let size = (times(after) && digits_at(i + 1))
            || (self.word(i + 1) == Some("x") && self.spaced(i) && digits_at(i + 2))
            || (i > 0 && times(before) && digits_at(i - 1))
            || (i > 1 && self.word(i - 1) == Some("x") && digits_at(i - 2));
        !glued_before && !glued_after && !size && !self.clock_time(i)
    }

    /// Word `i` is a time of day on the 24-hour clock, as news writes it
    /// before a time zone: "1830 GMT", "0900 local time", "2359 hrs".
    fn clock_time(&self, i: usize) -> bool {
        // (Four digits: a four-byte word may be "e\u{301}a", which has no
        // char boundary at byte 2.)
        let Some(w) = self
            .word(i)
            .filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        else {
            return false;
        };
        let (Ok(h), Ok(m)) = (w[..2].parse::<u8>(), w[2..].parse::<u8>()) else {
            return false;
        };
        let zone = |w: &str| {
            CLOCK_ZONES.contains(&w)
                || (w == "local" && self.spaced(i + 1) && self.word(i + 2) == Some("time"))
        };
        if h >= 24 || m >= 60 {
            return false;
        }
        if self.spaced(i) && self.word(i + 1).is_some_and(zone) {
            return true;
        }
        // "on Wednesday 19 January, from 1930 on BBC One": after "from" or
        // "at" right after a day's date or a weekday, a time ("on Friday
        // to suspend payments until 2007" is a year).
        let after_word = i
            .checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(|p| matches!(p, "from" | "at"));
        let day_and_month = |k: usize| {
            let (a, b) = (self.word(k), self.word(k + 1));
            let is_day = |w: Option<&str>| w.and_then(day_of).is_some();
            let is_month = |w: Option<&str>| w.and_then(month_of).is_some();
            (is_day(a) && is_month(b)) || (is_month(a) && is_day(b))
        };
        let dated_before = (i.saturating_sub(4)..i.saturating_sub(1)).any(|k| {
            self.word(k).and_then(weekday_of).is_some() || (k + 2 < i && day_and_month(k))
        });
        after_word && dated_before
    }
}

/// Finds every dated expression as written.
fn scan<'a>(text: &'a str, toks: &'a [(usize, &'a str)]) -> Vec<Raw> {
    let t = Toks { text, toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.toks.len() {
        match expression(&t, i) {
            Some((mut raw, next)) => {
                raw.ahead = clause_has(&t, i, next, future_marker);
                raw.behind = !raw.ahead && clause_has(&t, i, next, past_marker);
                out.push(raw);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// Word `i` puts its clause in the future: "will", "shall", "'ll",
/// "won't", "upcoming", "forthcoming", "scheduled". ("Will" capitalised is
/// more often a name than a question; "due to" is more often a cause.)
fn future_marker(t: &Toks<'_>, i: usize) -> bool {
    let apostrophe = |g: &str| matches!(g, "'" | "’");
    match t.word(i) {
        Some(
            "will" | "shall" | "upcoming" | "forthcoming" | "scheduled" | "Upcoming"
            | "Forthcoming" | "Scheduled",
        ) => true,
        Some("ll") => i > 0 && apostrophe(t.gap(i - 1)),
        Some("won" | "Won") => apostrophe(t.gap(i)) && t.word(i + 1) == Some("t"),
        _ => false,
    }
}

/// A verb in the past tense that dates what it tells before the report:
/// "met", "was". (Not a verb of speech, whose tense says nothing of what
/// is reported, nor a form that is also a participle: "talks to be held
/// on January 5".)
fn past_marker(t: &Toks<'_>, i: usize) -> bool {
    match t.word(i) {
        Some("won") => t.word(i + 1) != Some("t"),
        Some(w) => matches!(
            w,
            "was"
                | "were"
                | "met"
                | "died"
                | "began"
                | "came"
                | "went"
                | "took"
                | "happened"
                | "occurred"
                | "arrived"
        ),
        None => false,
    }
}

/// Words that end the clause a date belongs to, as the future is read:
/// speech ("said on Friday that he will" is said in the past), a new
/// clause ("that", "which", "and", "but") or a time of its own ("after").
fn clause_break(w: &str) -> bool {
    let w = w.as_bytes();
    let is = |m: &str| w.eq_ignore_ascii_case(m.as_bytes());
    let speech = ["said", "says", "say", "told", "tells", "added", "reported"];
    let clause = ["announced", "that", "which", "who", "and", "but"];
    let time = ["after", "before", "since", "when", "while", "as"];
    speech.into_iter().chain(clause).chain(time).any(is)
}

/// Words a clause is read over each side of a date.
const CLAUSE_REACH: usize = 8;

/// Whether the date at words `start..end` sits in a clause that `marker`
/// finds a word of: [`future_marker`] ("will", "'ll", "upcoming") or
/// [`past_marker`] ("met", "was"), within [`CLAUSE_REACH`] words before or
/// after it, in its sentence and outside any aside set off by dashes,
/// with no [`clause_break`] between. (Present
/// tense, "the summit opens on December 20", is not read: it is as often
/// the historic present.)
fn clause_has(
    t: &Toks<'_>,
    start: usize,
    end: usize,
    marker: fn(&Toks<'_>, usize) -> bool,
) -> bool {
    // The text between word `i` and the next ends a sentence, or an aside
    // set off by a dash ("who became chairman in June 2004 - will step
    // down": the "will" is not the date's; bbc business/213).
    let ends_clause = |i: usize| {
        let gap = t.gap(i);
        gap.contains(['.', '!', '?', ';', '\n', '–', '—']) || gap.contains(" - ")
    };
    let mut after = end;
    while after < t.len() && after < end + CLAUSE_REACH && !ends_clause(after - 1) {
        if marker(t, after) {
            return true;
        }
        if clause_break(t.word(after).unwrap_or_default()) {
            break;
        }
        after += 1;
    }
    let mut before = start;
    while before > 0 && before + CLAUSE_REACH > start && !ends_clause(before - 1) {
        before -= 1;
        if marker(t, before) {
            return true;
        }
        if clause_break(t.word(before).unwrap_or_default()) {
            break;
        }
    }
    false
}

/// The expression starting at word `i`, and the word after it.
fn expression(t: &Toks<'_>, i: usize) -> Option<(Raw, usize)> {
    let w = t.word(i)?;
    let first = w.as_bytes()[0];
    if first.is_ascii_uppercase() {
        if let Some(m) = month_of(w) {
            return month_first(t, i, m);
        }
        if let Some(wd) = weekday_of(w) {
            return weekday(t, i, wd);
        }
    }
    if first.is_ascii_digit() {
        if let Some(d) = day_of(w) {
            if let Some(found) = day_first(t, i, d) {
                return Some(date_range(t, i, found));
            }
        }
        if let Some(y) = year_of(w) {
            return iso_date(t, i, y).or_else(|| bare_year(t, i, y));
        }
    }
    relative(t, i)
}

/// "2024-09-30", as data and some sources write a date in the text.
fn iso_date(t: &Toks<'_>, i: usize, y: i32) -> Option<(Raw, usize)> {
    let two = |k: usize| {
        t.word(k)
            .filter(|w| w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|w| w.parse::<u8>().ok())
    };
    if t.gap(i) != "-" || t.gap(i + 1) != "-" {
        return None;
    }
    let (m, d) = (two(i + 1)?, two(i + 2)?);
    // A fourth part ("2024-09-30-12") is no date.
    let after = t.text[t.end(i + 2)..].chars().next();
    if !real_day(y, m, d) || after.is_some_and(|c| c == '-' || c.is_alphanumeric()) {
        return None;
    }
    let mut r = Raw::new(t.start(i)..t.end(i + 2), Form::Date);
    r.explicit = Some(When::day(y, m, d));
    Some((r, i + 3))
}

/// "May 29, 2024", "May 29", "June 2024", "in July", "June 5 to 8".
fn month_first(t: &Toks<'_>, i: usize, m: u8) -> Option<(Raw, usize)> {
    // An abbreviation may carry its full stop: "Oct. 4".
    let spaced =
        |k: usize| t.spaced(k) || (t.gap(k) == ". " && !full_month(t.word(i).unwrap_or("")));
    if spaced(i) {
        if let Some(d) = t.word(i + 1).and_then(day_of) {
            if t.spaced_or_comma(i + 1) {
                if let Some(y) = t.word(i + 2).and_then(year_of) {
                    if !real_day(y, m, d) {
                        return None;
                    }
                    let mut r = Raw::new(t.start(i)..t.end(i + 2), Form::Date);
                    r.explicit = Some(When::day(y, m, d));
                    return Some((r, i + 3));
                }
            }
            if !real_day(2000, m, d) {
                return None;
            }
            let mut r = Raw::new(t.start(i)..t.end(i + 1), Form::MonthDay);
            r.floating = Some((m, d));
            let mut next = i + 2;
            if let Some(k) = t.range_to(i + 1) {
                if let Some(d2) = t.word(k).and_then(day_of).filter(|&d2| d2 > d) {
                    if t.word(k + 1).and_then(month_of).is_none() {
                        r.floating_until = Some((m, d2));
                        r.span.end = t.end(k) as u32;
                        next = k + 1;
                    }
                }
            }
            return Some((r, next));
        }
        if let Some(y) = t.word(i + 1).and_then(year_of) {
            let mut r = Raw::new(t.start(i)..t.end(i + 1), Form::MonthYear);
            r.explicit = Some(When::month(y, m));
            return Some((r, i + 2));
        }
    }
    let w = t.word(i)?;
    if !full_month(w) || i == 0 {
        return None;
    }
    let prev = t.word(i - 1)?;
    let gap = t.gap(i - 1);
    let after_prep = date_preposition(prev) && (t.spaced(i - 1) || gap == "-");
    // "May" alone is too often the verb; it needs "in May" or "last May".
    if !after_prep
        || (w == "May"
            && !matches!(
                prev,
                "in" | "In" | "since" | "last" | "Last" | "early" | "late" | "mid" | "until" | "by"
            ))
    {
        return None;
    }
    let mut r = Raw::new(t.start(i)..t.end(i), Form::Month);
    r.floating = Some((m, 0));
    Some((r, i + 1))
}

/// "1 April 2024", "4 October", "4th of October".
fn day_first(t: &Toks<'_>, i: usize, d: u8) -> Option<(Raw, usize)> {
    // "16-18 December", "5 to 8 June 2024": the days of one month (not
    // the end of a list: "on 14, 20 and 27 April").
    let listed = t.gap_before(i).trim() == ",";
    if let Some(k) = t.range_to(i).filter(|_| !listed) {
        let later = t.word(k).and_then(day_of).filter(|&d2| d2 > d);
        if let Some((mut r, next)) = later.and_then(|d2| day_first(t, k, d2)) {
            if let Some(w) = r.explicit {
                let y = w.year?;
                if !real_day(y, w.month, d) {
                    return None;
                }
                r.explicit_until = Some(w);
                r.explicit = Some(When::day(y, w.month, d));
            } else if let Some((m, d2)) = r.floating {
                r.floating_until = Some((m, d2));
                r.floating = Some((m, d));
            }
            r.span.start = t.start(i) as u32;
            return Some((r, next));
        }
    }
    let mut k = i + 1;
    if !t.spaced(i) {
        return None;
    }
    if t.word(k) == Some("of") && t.spaced(k) {
        k += 1;
    }
    let m = t
        .word(k)
        .filter(|w| full_month(w) || month_of(w).is_some())?;
    let m = month_of(m)?;
    if t.spaced_or_comma(k) {
        if let Some(y) = t.word(k + 1).and_then(year_of) {
            if !real_day(y, m, d) {
                return None;
            }
            let mut r = Raw::new(t.start(i)..t.end(k + 1), Form::Date);
            r.explicit = Some(When::day(y, m, d));
            return Some((r, k + 2));
        }
    }
    if !real_day(2000, m, d) {
        return None;
    }
    let mut r = Raw::new(t.start(i)..t.end(k), Form::MonthDay);
    r.floating = Some((m, d));
    Some((r, k + 1))
}

/// `found`, a date read from word `i`, with the later date after a range
/// word that ends a range it starts: "from 20 March to 27 March 2004",
/// "between 15 November 2004 and 5 January 2005" (helper-35 saw each read
/// as one end only). The first takes its year from the second when it
/// has none. ("and" makes a range only after "between": "on 14 March 2004
/// and 20 May 2004" are two dates.)
fn date_range(t: &Toks<'_>, i: usize, found: (Raw, usize)) -> (Raw, usize) {
    let (mut r, next) = found;
    let single = r.explicit_until.is_none() && r.floating_until.is_none();
    let Some(k) = t.range_to(next - 1).filter(|_| single) else {
        return (r, next);
    };
    let between = i > 0 && t.word(i - 1) == Some("between");
    if t.word(next) == Some("and") && !between {
        return (r, next);
    }
    let Some((end, after)) = t.word(k).and_then(day_of).and_then(|d| day_first(t, k, d)) else {
        return (r, next);
    };
    if end.explicit_until.is_some() || end.floating_until.is_some() {
        return (r, next);
    }
    match (r.explicit, r.floating, end.explicit, end.floating) {
        (Some(a), _, Some(b), _) if b > a => r.explicit_until = Some(b),
        (None, Some((m, d)), Some(b), _) => {
            let Some(y) = b.year else { return (r, next) };
            // "from 20 December to 3 January 2005": the year before.
            let y = if (m, d) > (b.month, b.day) { y - 1 } else { y };
            if !real_day(y, m, d) {
                return (r, next);
            }
            r.explicit = Some(When::day(y, m, d));
            r.floating = None;
            r.explicit_until = Some(b);
            r.form = Form::Date;
        }
        (None, Some(a), None, Some(b)) if b > a => r.floating_until = Some(b),
        _ => return (r, next),
    }
    r.span.end = end.span.end;
    (r, after)
}

/// "since 2003", "in 2023", "from 2018 to 2020".
fn bare_year(t: &Toks<'_>, i: usize, y: i32) -> Option<(Raw, usize)> {
    if i == 0 || !t.standalone_number(i) {
        return None;
    }
    let prev = t.word(i - 1)?;
    let gap = t.gap(i - 1);
    if !(date_preposition(prev) && (t.spaced(i - 1) || gap == "-")) {
        return None;
    }
    let range_end = t.range_to(i);
    // "from 1900 to 1945 GMT": a range of clock times.
    if range_end.is_some_and(|k| t.clock_time(k)) {
        return None;
    }
    let mut r = Raw::new(t.start(i)..t.end(i), Form::Year);
    r.explicit = Some(When::year(y));
    let mut next = i + 1;
    if let Some(k) = range_end {
        if let Some(y2) = t.word(k).and_then(year_of).filter(|&y2| y2 > y) {
            if t.standalone_number(k) {
                r.explicit_until = Some(When::year(y2));
                r.span.end = t.end(k) as u32;
                next = k + 1;
            }
        }
    }
    Some((r, next))
}

/// "on Friday", "last Tuesday"; a weekday followed by its date ("Friday
/// (October 4)", "Friday, October 4") is that date.
fn weekday(t: &Toks<'_>, i: usize, wd: Weekday) -> Option<(Raw, usize)> {
    let g = t.gap(i).trim();
    // (A space alone too: "on Monday 3 January", as the BBC writes it.)
    if matches!(g, "(" | "," | "") {
        if let Some((mut r, next)) = t
            .word(i + 1)
            .and_then(month_of)
            .and_then(|m| month_first(t, i + 1, m))
            .or_else(|| {
                t.word(i + 1)
                    .and_then(day_of)
                    .and_then(|d| day_first(t, i + 1, d))
            })
        {
            r.span.start = t.start(i) as u32;
            // "Friday (October 4)": the bracket closes in the expression.
            if g == "(" && t.text[r.span.end as usize..].starts_with(')') {
                r.span.end += 1;
            }
            return Some((r, next));
        }
    }
    // A weekday in a name: "the Sunday Times", "The Daily and Sunday
    // Telegraph", "GMTV's Sunday programme" (after a name's "'s", or with
    // a capital after it after "the" or "and", or unless a preposition or
    // "last" stands before: "on Sunday Mr Blair said").
    let prev = i.checked_sub(1).and_then(|p| t.word(p));
    // (A name's "'s", not "it's".)
    let possessive = i > 1
        && prev == Some("s")
        && matches!(t.gap(i - 2), "'" | "’")
        && t.word(i - 2).is_some_and(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && !matches!(
                    w,
                    "It" | "That" | "What" | "There" | "Here" | "He" | "She" | "Who"
                )
        });
    let capital_next = t.spaced(i)
        && t.word(i + 1)
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()) && month_of(w).is_none());
    // "by Sunday Telegraph journalist Robert Peston", "in the Sunday
    // Times": a newspaper even after a preposition (helper-36: six bbc
    // articles had a "Sunday?" event so).
    let newspaper = t.spaced(i) && t.word(i + 1).is_some_and(super::quotes::media_word);
    let timed = !newspaper
        && prev.is_some_and(|p| {
            date_preposition(p) || matches!(p, "last" | "Last" | "next" | "Next" | "this" | "This")
        });
    // ("and" counts as a preposition for "between 5 and 8 June".)
    let named_after = matches!(prev, Some("the" | "The" | "and")) && capital_next;
    if named_after
        || possessive
        || (capital_next && !timed && weekday_of(t.word(i + 1).unwrap_or("")).is_none())
    {
        return None;
    }
    // "the Independent on Sunday", "the Mail on Sunday": newspapers
    // ("England and Wales on Thursday" is a day).
    if i >= 2
        && wd == Weekday::Sun
        && t.word(i - 1) == Some("on")
        && t.word(i - 2)
            .is_some_and(|p| matches!(p, "Independent" | "Mail" | "Scotland" | "Wales"))
    {
        return None;
    }
    let shift = match i.checked_sub(1).and_then(|p| t.word(p)) {
        Some("last" | "Last") => Shift::Last,
        Some("next" | "Next") => Shift::Next,
        _ => Shift::Nearest,
    };
    let start = if shift == Shift::Nearest { i } else { i - 1 };
    let mut r = Raw::new(t.start(start)..t.end(i), Form::Weekday);
    r.weekday = Some((wd, shift));
    Some((r, i + 1))
}

/// "yesterday", "two weeks ago", "last year", "this month".
fn relative(t: &Toks<'_>, i: usize) -> Option<(Raw, usize)> {
    let w = t.word(i)?;
    // Most words start nothing: settle them without allocating.
    let ago = t.word(i + 2) == Some("ago");
    let first = w.as_bytes()[0].to_ascii_lowercase();
    if !ago && !matches!(first, b'y' | b'l' | b't' | b'n') {
        return None;
    }
    if w == "yesterday" || w == "Yesterday" {
        let mut r = Raw::new(t.start(i)..t.end(i), Form::Relative);
        r.relative = Some((Unit::Day, 1, false));
        return Some((r, i + 1));
    }
    let which = ["last", "this", "next"]
        .into_iter()
        .find(|x| w.eq_ignore_ascii_case(x));
    if let Some(which) = which.filter(|_| t.spaced(i)) {
        let unit = t.word(i + 1).and_then(unit_of)?;
        // "last days", "this day": not a date.
        if unit == Unit::Day || t.word(i + 1).is_some_and(|u| u.ends_with('s')) {
            return None;
        }
        let (n, ahead) = match which {
            "last" => (1, false),
            "this" => (0, false),
            _ => (1, true),
        };
        let mut r = Raw::new(t.start(i)..t.end(i + 1), Form::Relative);
        r.relative = Some((unit, n, ahead));
        r.approx = unit == Unit::Week;
        return Some((r, i + 2));
    }
    // [hedge] N units ago
    if !ago {
        return None;
    }
    let (n, fuzzy) = number_of(w)?;
    let unit = t.word(i + 1).and_then(unit_of)?;
    if !(t.spaced(i) && t.spaced(i + 1) && t.word(i + 2) == Some("ago")) {
        return None;
    }
    let hedged = i > 0 && t.word(i - 1).is_some_and(hedge) && t.spaced(i - 1);
    let start = if hedged { i - 1 } else { i };
    let mut r = Raw::new(t.start(start)..t.end(i + 2), Form::Relative);
    r.relative = Some((unit, n, false));
    r.approx = fuzzy || hedged || unit == Unit::Week;
    Some((r, i + 3))
}

fn resolve(r: Raw, published: Option<NaiveDate>, anchor: Option<When>, now: Option<When>) -> Dated {
    let mut d = Dated {
        span: r.span.clone(),
        form: r.form,
        when: None,
        until: None,
        inferred: false,
        approx: false,
    };
    if let Some(w) = r.explicit {
        d.when = Some(w);
        d.until = r.explicit_until;
        return d;
    }
    if let Some((m, day)) = r.floating {
        let year = match published {
            Some(p) if r.ahead => year_ahead(m, day, p),
            Some(p) if r.behind => year_behind(m, day, p),
            _ => year_for(m, day, published, anchor),
        };
        d.when = Some(When {
            year,
            month: m,
            day,
        });
        d.until = r.floating_until.map(|(m2, d2)| When {
            year,
            month: m2,
            day: d2,
        });
        d.inferred = year.is_some();
        return d;
    }
    if let Some((unit, n, ahead)) = r.relative {
        d.approx = r.approx;
        d.inferred = true;
        d.when = match published {
            Some(p) => shift(p, unit, n, ahead),
            None => now.and_then(|a| {
                let y = a.year?;
                let back = match unit {
                    Unit::Year => n as i32,
                    _ => 0,
                };
                Some(When::year(if ahead { y + back } else { y - back }))
            }),
        };
        return d;
    }
    if let Some((wd, which)) = r.weekday {
        d.inferred = true;
        let which = match which {
            Shift::Nearest if r.ahead => Shift::Coming,
            _ => which,
        };
        d.when = published.map(|p| When::of(weekday_near(p, wd, which)));
        if d.when.is_none() {
            d.inferred = false;
        }
    }
    d
}

/// The year of a year-less month (and day): the one that places it from
/// about ten months before to two months after publication; without a
/// publication date, in the anchor's month or the eleven after it.
fn year_for(m: u8, day: u8, published: Option<NaiveDate>, anchor: Option<When>) -> Option<i32> {
    if let Some(p) = published {
        let y = p.year();
        let at = |y: i32| NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(day.max(1)));
        let cand = at(y)?;
        if cand > p + Days::new(61) {
            return Some(y - 1);
        }
        if cand + Days::new(305) < p {
            return Some(y + 1);
        }
        return Some(y);
    }
    // In the anchor's month or the eleven after it.
    let a = anchor?;
    let y = a.year?;
    Some(if m < a.month { y + 1 } else { y })
}

/// The year of a year-less month (and day) said of the future: the one
/// that places it from a week before publication (a report filed late)
/// to a year after.
fn year_ahead(m: u8, day: u8, p: NaiveDate) -> Option<i32> {
    let y = p.year();
    let cand = NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(day.max(1)))?;
    // A month alone ("in December") counts from its last day.
    let end = if day == 0 {
        cand.checked_add_months(Months::new(1))? - Days::new(1)
    } else {
        cand
    };
    Some(if end + Days::new(7) < p { y + 1 } else { y })
}

/// The year of a year-less month (and day) said of the past: the last
/// one that starts it by publication.
fn year_behind(m: u8, day: u8, p: NaiveDate) -> Option<i32> {
    let y = p.year();
    let cand = NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(day.max(1)))?;
    Some(if cand > p { y - 1 } else { y })
}

fn shift(p: NaiveDate, unit: Unit, n: u32, ahead: bool) -> Option<When> {
    let date = match (unit, ahead) {
        (Unit::Day, false) => p.checked_sub_days(Days::new(u64::from(n)))?,
        (Unit::Day, true) => p.checked_add_days(Days::new(u64::from(n)))?,
        (Unit::Week, false) => p.checked_sub_days(Days::new(7 * u64::from(n)))?,
        (Unit::Week, true) => p.checked_add_days(Days::new(7 * u64::from(n)))?,
        (Unit::Month, false) => p.checked_sub_months(Months::new(n))?,
        (Unit::Month, true) => p.checked_add_months(Months::new(n))?,
        (Unit::Year, false) => p.with_year(p.year() - n as i32)?,
        (Unit::Year, true) => p.with_year(p.year() + n as i32)?,
    };
    let w = When::of(date);
    Some(match unit {
        Unit::Day | Unit::Week => w,
        Unit::Month => w.at_most(Precision::Month),
        Unit::Year => w.at_most(Precision::Year),
    })
}

/// The weekday `wd` nearest before `p` ("on Friday" in news is the past
/// one, or the publication day itself), or after it for "next".
fn weekday_near(p: NaiveDate, wd: Weekday, which: Shift) -> NaiveDate {
    let today = p.weekday().num_days_from_monday() as i64;
    let target = wd.num_days_from_monday() as i64;
    match which {
        Shift::Next | Shift::Coming => {
            let ahead = (target - today).rem_euclid(7);
            let ahead = if ahead == 0 && which == Shift::Next {
                7
            } else {
                ahead
            };
            p + Days::new(ahead as u64)
        }
        Shift::Nearest | Shift::Last => {
            let back = (today - target).rem_euclid(7);
            let back = if back == 0 && which == Shift::Last {
                7
            } else {
                back
            };
            p - Days::new(back as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text of the expression, resolved date as ISO or "?", inferred)
    fn found(text: &str, published: Option<&str>) -> Vec<(String, String, bool)> {
        let p = published.and_then(parse_article_date);
        extract(text, p)
            .into_iter()
            .map(|d| {
                let mut iso = d.when.map_or("?".to_owned(), |w| w.iso());
                if let Some(u) = d.until {
                    iso = format!("{iso}/{}", u.iso());
                }
                if d.approx {
                    iso = format!("~{iso}");
                }
                (
                    text[d.span.start as usize..d.span.end as usize].to_owned(),
                    iso,
                    d.inferred,
                )
            })
            .collect()
    }

    fn one(text: &str, published: Option<&str>) -> (String, String, bool) {
        let mut all = found(text, published);
        assert_eq!(all.len(), 1, "{all:?} in {text:?}");
        all.remove(0)
    }

    fn e(span: &str, iso: &str, inferred: bool) -> (String, String, bool) {
        (span.to_owned(), iso.to_owned(), inferred)
    }

    #[test]
    fn full_dates_in_both_orders() {
        assert_eq!(
            one(
                "Putin spoke in Tashkent on May 29, 2024, to reporters.",
                None
            ),
            e("May 29, 2024", "2024-05-29", false)
        );
        assert_eq!(
            one("The ministry announced on April 1, 2024 that", None),
            e("April 1, 2024", "2024-04-01", false)
        );
        assert_eq!(
            one("It was signed on 1 April 2024 in Moscow.", None),
            e("1 April 2024", "2024-04-01", false)
        );
        assert_eq!(
            one("on the 4th of October 2024", None),
            e("4th of October 2024", "2024-10-04", false)
        );
        assert_eq!(
            one("By Oct. 4, 2024 it was done.", None),
            e("Oct. 4, 2024", "2024-10-04", false)
        );
    }

    #[test]
    fn iso_dates_in_the_text_are_days() {
        assert_eq!(
            one("The vote was held on 2024-09-30 in Kabul.", None),
            e("2024-09-30", "2024-09-30", false)
        );
        // Not a day, nor (with no "in" before it) a year.
        assert_eq!(found("Ref 2024-13-40 was filed.", None), []);
    }

    #[test]
    fn a_day_the_calendar_lacks_is_no_date() {
        let got = found(
            "It was signed on 31 February 2024, on February 29, 2023 and on April 31.",
            None,
        );
        // (The month and year of the first stand.)
        assert_eq!(got, [e("February 2024", "2024-02", false)], "no day there");
        assert_eq!(
            one("It was signed on 29 February 2024.", None),
            e("29 February 2024", "2024-02-29", false)
        );
    }

    #[test]
    fn month_and_year_and_bare_years_after_prepositions() {
        assert_eq!(
            one("Kazakhstan took a similar decision in December 2023.", None),
            e("December 2023", "2023-12", false)
        );
        assert_eq!(
            one("The Taliban has been on that list since 2003.", None),
            e("2003", "2003", false)
        );
        assert_eq!(
            one("From 2018 to 2020, the US was in control.", None),
            e("2018 to 2020", "2018/2020", false)
        );
        assert_eq!(
            one("In 2023, the crop fell.", None),
            e("2023", "2023", false)
        );
    }

    #[test]
    fn numbers_that_are_not_years_are_not_dates() {
        assert!(found("It fell from 1,300 km² to 10 km².", None).is_empty());
        assert!(found("The budget rose to 2024 million roubles.", None).len() == 1);
        assert!(found("He paid $2003 for 2003 tickets.", None).is_empty());
        assert!(found("About 80% to 87% of the world's heroin.", None).is_empty());
        assert!(found("Room 2003 was empty.", None).is_empty());
    }

    #[test]
    fn clock_times_before_a_time_zone_are_not_years() {
        assert!(found("Shares closed at $10.44 by 1830 GMT.", None).is_empty());
        assert!(found("The strike runs from 1800 to 2000 BST.", None).is_empty());
        assert!(found("The raid began at 0400 local time.", None).is_empty());
        assert!(found("From 1900 GMT the markets were shut.", None).is_empty());
        // A word after a range dash is no clock time, and is read safely
        // whatever its characters (found by proptest).
        assert_eq!(found("since 2003 - e\u{301}a ", None).len(), 1);
        // A year stays a year, zone word or not, when it cannot be a time.
        assert_eq!(
            one("after 1945 we yearned for peace", None),
            e("1945", "1945", false)
        );
        assert_eq!(
            one("It has grown since 1999 GMT figures began.", None),
            e("1999", "1999", false)
        );
        assert_eq!(
            one("By 1830 the town had grown.", None),
            e("1830", "1830", false)
        );
        // helper-32 (bbc sport/192): a broadcast time after the day's date.
        let got = found(
            "The match is live on Wednesday 19 January, from 1930 on BBC One.",
            None,
        );
        assert!(!got.iter().any(|g| g.0 == "1930"), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "Wednesday 19 January"), "{got:?}");
        let got = found("Coverage starts on Saturday at 1745 on BBC Two.", None);
        assert!(!got.iter().any(|g| g.0 == "1745"), "{got:?}");
        // With no day just before it, "from 2005" is a year.
        assert_eq!(
            one("Sales rose 12 points from 2005 levels.", None),
            e("2005", "2005", false)
        );
        let got = found(
            "Creditors agreed on Friday to suspend payments until 2007.",
            None,
        );
        assert!(got.iter().any(|g| g.0 == "2007"), "{got:?}");
        let got = found("They met on Friday to talk of growth from 2007.", None);
        assert!(got.iter().any(|g| g.0 == "2007"), "{got:?}");
    }

    #[test]
    fn a_range_between_two_dates_keeps_both_ends() {
        // helper-35: bbc entertainment/168 and business/495.
        assert_eq!(
            one("It ran from 20 March to 27 March 2004.", None),
            e("20 March to 27 March 2004", "2004-03-20/2004-03-27", false)
        );
        assert_eq!(
            one("It ran from 15 November 2004 to 3 January 2005.", None),
            e(
                "15 November 2004 to 3 January 2005",
                "2004-11-15/2005-01-03",
                false
            )
        );
        assert_eq!(
            one(
                "Sales between 15 November 2004 and 5 January 2005 rose.",
                None
            ),
            e(
                "15 November 2004 and 5 January 2005",
                "2004-11-15/2005-01-05",
                false
            )
        );
        assert_eq!(
            one("Open from 20 December to 3 January 2005.", None),
            e(
                "20 December to 3 January 2005",
                "2004-12-20/2005-01-03",
                false
            )
        );
        // Two dates joined by "and" are two dates.
        let got = found("He spoke on 14 March 2004 and 20 May 2004.", None);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_range_of_days_in_one_month_keeps_its_first_day() {
        // helper-32: "online on 16-18 December" became 18 December.
        assert_eq!(
            one("It goes online on 16-18 December 2004.", None),
            e("16-18 December 2004", "2004-12-16/2004-12-18", false)
        );
        assert_eq!(
            one("The forum runs from 5 to 8 June.", Some("2024-05-01")),
            e("5 to 8 June", "2024-06-05/2024-06-08", true)
        );
        // Nor a list.
        assert_eq!(
            one("Previews are on 14, 20 and 27 April.", None).0,
            "27 April"
        );
        // A score is no range: the later day must be later.
        assert_eq!(one("They won 3-2 December's final.", None).0, "2 December");
    }

    #[test]
    fn a_weekday_in_a_newspaper_name_and_a_bracketed_date_are_read_whole() {
        // helper-32: "the Independent on Sunday" was a Sunday event, and
        // "Friday (October 4)" lost its closing bracket.
        assert!(found("He told the Independent on Sunday that", None).is_empty());
        assert!(found("The Mail on Sunday said so.", None).is_empty());
        // helper-36: a newspaper after a preposition (bbc politics/218).
        assert!(found("a book by Sunday Telegraph journalist Robert Peston", None).is_empty());
        assert!(found("He wrote in Sunday Times columns.", None).is_empty());
        assert_eq!(found("He spoke on Sunday morning.", None).len(), 1);
        assert_eq!(found("He spoke on Sunday.", None).len(), 1);
        assert_eq!(
            found("It spread to England and Wales on Thursday.", None).len(),
            1
        );
        assert_eq!(
            one(
                "Kabulov said on Friday (October 4) that",
                Some("2024-10-05")
            )
            .0,
            "Friday (October 4)"
        );
    }

    #[test]
    fn a_weekday_before_its_date_with_a_space_is_one_date() {
        // helper-33: "on Monday 3 January" gave 3 January and a Monday a
        // week on; "will speak on Wednesday 19 January" a Wednesday too.
        assert_eq!(
            found("He spoke on Monday 3 January in Leeds.", Some("2005-01-12")),
            [e("Monday 3 January", "2005-01-03", true)]
        );
        assert_eq!(
            found("He will speak on Wednesday January 19.", Some("2005-01-12")),
            [e("Wednesday January 19", "2005-01-19", true)]
        );
        assert_eq!(found("On Friday Putin spoke.", None).len(), 1);
    }

    #[test]
    fn a_weekday_in_a_name_is_no_date() {
        // helper-33: 33 bbc events came from the Sunday Telegraph, the
        // Sunday Times, the Sunday Express. (The song "Sunday Bloody
        // Sunday" still gives one, as "Bloody Sunday" can be a day.)
        for text in [
            "The Daily and Sunday Telegraph newspapers are axing jobs.",
            "He told the Sunday Times he would stay.",
            "It was on GMTV's Sunday programme.",
        ] {
            assert!(
                found(text, None).is_empty(),
                "{text}: {:?}",
                found(text, None)
            );
        }
        // A date still, with a capital after it.
        assert_eq!(found("On Sunday Mr Blair said so.", None).len(), 1);
        assert_eq!(
            found("Mr Blair said last Sunday Labour would win.", None).len(),
            1
        );
        assert_eq!(found("Sunday was quiet.", None).len(), 1);
        assert_eq!(found("It's Saturday and I'm still here.", None).len(), 1);
    }

    #[test]
    fn a_size_is_no_year() {
        // helper-32: "resolutions of 2048 * 1080 pixels" was 2048.
        for text in [
            "screens with resolutions of 2048 * 1080 pixels",
            "screens with resolutions of 2048 x 1080 pixels",
            "screens with resolutions of 2048×1080 pixels",
            "a picture of 1080 x 2048 pixels",
        ] {
            assert!(found(text, None).is_empty(), "{text}");
        }
        assert_eq!(one("It was built in 2048 x-ray units.", None).0, "2048");
    }

    #[test]
    fn may_the_verb_and_months_without_a_number_need_a_preposition() {
        assert!(found("The Taliban may be removed. March on!", None).is_empty());
        assert!(found("They May agree.", None).is_empty());
        assert_eq!(
            one("In July, President Putin affirmed it.", None),
            e("July", "--07", false)
        );
    }

    #[test]
    fn year_less_dates_read_against_the_publication_date() {
        assert_eq!(
            one("On October 4, Kabulov said so.", Some("2024-10-06")),
            e("October 4", "2024-10-04", true)
        );
        // Published in January: "December 28" is last year's.
        assert_eq!(
            one("On December 28 he left.", Some("2025-01-10T08:00:00Z")),
            e("December 28", "2024-12-28", true)
        );
        assert_eq!(
            one("The forum runs from June 5 to 8.", Some("2024-05-20")),
            e("June 5 to 8", "2024-06-05/2024-06-08", true)
        );
    }

    #[test]
    fn year_less_dates_without_a_publication_date_follow_the_latest_written_month() {
        let text = "Kazakhstan decided in December 2023. The summit is on November 28. \
                    On October 4, Kabulov spoke. It spoke publicly in June.";
        let got = found(text, None);
        assert_eq!(
            got,
            [
                e("December 2023", "2023-12", false),
                e("November 28", "2024-11-28", true),
                e("October 4", "2024-10-04", true),
                e("June", "2024-06", true),
            ]
        );
        // With no month written with a year, the year stays unknown, even
        // when bare historical years are about.
        let got = found("Listed since 2003. On October 4, Kabulov spoke.", None);
        assert_eq!(got[1], e("October 4", "--10-04", false));
        // "This year" is the year of those dates, not the anchor's: the
        // seeds' article 000 put its "this year" in 2023 and its October
        // in 2024.
        let got = found(
            "Kazakhstan decided in December 2023. On October 4, Kabulov spoke \
             ahead of this year's forum.",
            None,
        );
        assert_eq!(got[2], e("this year", "2024", true));
        // A later year written anywhere makes the month history, or the
        // text forward-looking: the present is unknown (helper-30, bbc
        // politics/177 and business/153).
        let got = found(
            "Fires began in December 1979. One man was convicted in 1993. \
             In March this year the case reopened. It airs on 12 December.",
            None,
        );
        let of = |got: &[(String, String, bool)], span: &str| {
            got.iter().find(|g| g.0 == span).cloned().unwrap()
        };
        assert_eq!(of(&got, "March"), e("March", "--03", false));
        assert_eq!(of(&got, "this year"), e("this year", "?", true));
        assert_eq!(of(&got, "12 December"), e("12 December", "--12-12", false));
        let got = found(
            "Approvals fell in August 2004. A fall is forecast in 2005. \
             The rate has halved since August last year.",
            None,
        );
        assert_eq!(of(&got, "last year"), e("last year", "?", true));
        // A year written as a word of a name counts too.
        let got = found(
            "The firm was founded in March 2003. Last year, profits rose. \
             The 2005 election looms.",
            None,
        );
        assert_eq!(of(&got, "Last year"), e("Last year", "?", true));
        // A date said of the future is not the present (helper-34, bbc
        // politics/380): "last October" is not the scheduled one.
        let got = found(
            "A further rise is provisionally scheduled for October 2006. \
             A minimum wage was introduced last October.",
            None,
        );
        assert_eq!(
            of(&got, "October 2006"),
            e("October 2006", "2006-10", false)
        );
        assert_eq!(of(&got, "October"), e("October", "--10", false));
        // An aside set off by a dash is a clause of its own: its "will"
        // does not put the date before it in the future (bbc
        // business/213).
        let got = found(
            "He became chairman in June 2004 - he will step down. \
             Talks ended on 3 July.",
            None,
        );
        assert_eq!(of(&got, "3 July"), e("3 July", "2004-07-03", true));
    }

    #[test]
    fn the_present_is_the_years_at_least_a_quarter_as_common_as_the_commonest() {
        // bbc's anchors, in part: 2004-05 news citing 2001-03 and
        // forecasting 2006.
        let bbc = [
            (2001, 20),
            (2002, 22),
            (2003, 60),
            (2004, 100),
            (2005, 35),
            (2006, 15),
        ];
        let years = bbc.iter().flat_map(|&(y, n)| std::iter::repeat_n(y, n));
        let p = Present::of(years).unwrap();
        assert_eq!((p.first, p.last), (2003, 2005));
        assert!(p.holds(2004) && !p.holds(2002) && !p.holds(2006));
        // A rare year between common ones is held: the present is one span.
        let years = [(2001, 8), (2002, 1), (2003, 8)];
        let p = Present::of(years.iter().flat_map(|&(y, n)| std::iter::repeat_n(y, n))).unwrap();
        assert_eq!((p.first, p.last), (2001, 2003));
        // A few articles, each of its own year: all held.
        let p = Present::of([1989, 2024, 2023]).unwrap();
        assert_eq!((p.first, p.last), (1989, 2024));
        assert_eq!(Present::of([]), None);
    }

    #[test]
    fn dates_said_of_the_future_lie_ahead_of_publication() {
        // Published in January: December is this year's when it is to come,
        // last year's when it is told as past.
        assert_eq!(
            one("The summit will open on December 20.", Some("2024-01-10")),
            e("December 20", "2024-12-20", true)
        );
        assert_eq!(
            one("On December 20, the summit will open.", Some("2024-01-10")),
            e("December 20", "2024-12-20", true)
        );
        assert_eq!(
            one("The summit opened on December 20.", Some("2024-01-10")),
            e("December 20", "2023-12-20", true)
        );
        // Published in November, "in March" to come is next year's.
        assert_eq!(
            one("Elections will be held in March.", Some("2024-11-10")),
            e("March", "2025-03", true)
        );
        // A weekday to come is the publication day or after it; 2024-10-06
        // is a Sunday.
        assert_eq!(
            one("The court will sit on Friday.", Some("2024-10-06")),
            e("Friday", "2024-10-11", true)
        );
        assert_eq!(
            one("We'll know on Friday.", Some("2024-10-06")),
            e("Friday", "2024-10-11", true)
        );
        assert_eq!(
            one("It won't open on Friday.", Some("2024-10-06")),
            e("Friday", "2024-10-11", true)
        );
        // A speech verb, a new clause or a new sentence keeps the date in
        // the past.
        assert_eq!(
            one("He said on Friday that he will resign.", Some("2024-10-06")),
            e("Friday", "2024-10-04", true)
        );
        assert_eq!(
            one("Talks opened on Friday and will go on.", Some("2024-10-06")),
            e("Friday", "2024-10-04", true)
        );
        assert_eq!(
            one(
                "Talks opened on Friday. They will go on.",
                Some("2024-10-06")
            ),
            e("Friday", "2024-10-04", true)
        );
        // "Will" the name is no future; "won" the verb neither.
        assert_eq!(
            one("Will Greenwood scored on Friday.", Some("2024-10-06")),
            e("Friday", "2024-10-04", true)
        );
        assert_eq!(
            one("She won on Friday.", Some("2024-10-06")),
            e("Friday", "2024-10-04", true)
        );
    }

    #[test]
    fn dates_told_in_the_past_tense_lie_before_publication() {
        // helper-32: "Leaders met on January 5" in an article of 20
        // December 2024 became 5 January 2025, as the next two months
        // go to the coming year.
        assert_eq!(
            one("Leaders met on January 5.", Some("2024-12-20")),
            e("January 5", "2024-01-05", true)
        );
        assert_eq!(
            one("The vote was in January.", Some("2024-12-20")),
            e("January", "2024-01", true)
        );
        // Without a tense, or when speech is all the past there is, the
        // nearest date still wins.
        assert_eq!(
            one("Talks on January 5.", Some("2024-12-20")),
            e("January 5", "2025-01-05", true)
        );
        assert_eq!(
            one("He said talks on January 5 matter.", Some("2024-12-20")),
            e("January 5", "2025-01-05", true)
        );
        // The future wins over a past verb in the same clause.
        assert_eq!(
            one(
                "It was agreed talks will open on January 5.",
                Some("2024-12-20")
            ),
            e("January 5", "2025-01-05", true)
        );
        // "won't" is no past.
        assert_eq!(
            one("It won't open on January 5.", Some("2024-12-20")),
            e("January 5", "2025-01-05", true)
        );
    }

    #[test]
    fn weekdays_need_a_publication_date_unless_their_date_follows() {
        assert_eq!(
            one("Kabulov said on Friday.", None),
            e("Friday", "?", false)
        );
        // 2024-10-06 is a Sunday; the Friday before is the 4th.
        assert_eq!(
            one("Kabulov said on Friday.", Some("2024-10-06")),
            e("Friday", "2024-10-04", true)
        );
        assert_eq!(
            one("reported on Friday (October 4) that", Some("2024-10-06")),
            e("Friday (October 4)", "2024-10-04", true)
        );
        assert_eq!(
            one("next Monday the court sits", Some("2024-10-06")),
            e("next Monday", "2024-10-07", true)
        );
    }

    #[test]
    fn relative_phrases_keep_their_precision_and_hedges() {
        assert_eq!(
            one(
                "Rudenko announced about two weeks ago that",
                Some("2024-10-15")
            ),
            e("about two weeks ago", "~2024-10-01", true)
        );
        assert_eq!(
            one("Rudenko announced two weeks ago that", None),
            e("two weeks ago", "~?", true)
        );
        assert_eq!(
            one("He said it yesterday.", Some("2024-03-01")),
            e("yesterday", "2024-02-29", true)
        );
        assert_eq!(
            one("Three years ago it began.", Some("2024-03-01")),
            e("Three years ago", "2021", true)
        );
        assert_eq!(
            one("Last year it began.", Some("2024-03-01")),
            e("Last year", "2023", true)
        );
    }

    #[test]
    fn labels_say_ranges_the_short_way() {
        let d = When::day;
        assert_eq!(
            label(Some(d(2024, 6, 5)), Some(d(2024, 6, 8))),
            "5–8 June 2024"
        );
        assert_eq!(
            label(Some(When::year(2018)), Some(When::year(2020))),
            "2018–2020"
        );
        assert_eq!(label(Some(d(2024, 5, 29)), None), "29 May 2024");
        assert_eq!(
            label(Some(d(2024, 11, 28)), Some(d(2024, 12, 3))),
            "28 November–3 December 2024"
        );
        assert_eq!(
            label(Some(d(2023, 11, 28)), Some(d(2024, 1, 3))),
            "28 November 2023–3 January 2024"
        );
        assert_eq!(label(None, None), "undated");
        let july = When {
            year: None,
            month: 7,
            day: 0,
        };
        assert_eq!(label(Some(july), None), "July");
    }

    #[test]
    fn short_labels_cut_months_to_three_letters() {
        let d = When::day;
        assert_eq!(short_label(Some(d(2024, 11, 20)), None), "20 Nov 2024");
        assert_eq!(
            short_label(Some(d(2024, 6, 5)), Some(d(2024, 6, 8))),
            "5–8 Jun 2024"
        );
        assert_eq!(
            short_label(Some(d(2024, 11, 28)), Some(d(2024, 12, 3))),
            "28 Nov–3 Dec 2024"
        );
        assert_eq!(short_label(Some(When::year(2018)), None), "2018");
        assert_eq!(short_label(None, None), "undated");
    }

    #[test]
    fn article_dates_parse_in_common_forms() {
        let d = |s| parse_article_date(s).map(|d| d.to_string());
        assert_eq!(d("2024-05-29"), Some("2024-05-29".into()));
        assert_eq!(d("2024-05-29T10:00:00Z"), Some("2024-05-29".into()));
        assert_eq!(d("29 May 2024"), Some("2024-05-29".into()));
        assert_eq!(d("May 29, 2024"), Some("2024-05-29".into()));
        assert_eq!(d("sometime"), None);
    }
}
