//! The export overlay (`x`): the three things that can be exported, each
//! with what it would hold now, the format, and the file name to expect.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{overlay_box, theme::Theme};
use crate::app::keymap::Context;
use crate::app::{Action, App};
use crate::export::{Format, What};
use crate::text;

/// Width of the name column of a choice.
const NAME_W: usize = 10;

pub(super) fn render(app: &App, frame: &mut Frame, screen: Rect, what: What, format: Format) {
    let th = Theme::of(app);
    let choices = app.export_choices();
    let w = screen.width.saturating_sub(4).min(72);
    let tail = Tail::new(app, what, format);
    // A folder too long for its line gets the rows to show it whole.
    let wrapped = tail.wrapped(usize::from(w.saturating_sub(2))).len();
    let h = u16::try_from(choices.len() + 7 + wrapped.max(2)).unwrap_or(u16::MAX);
    let h = h.min(screen.height.saturating_sub(2));
    let Some(inner) = overlay_box(
        th,
        frame,
        screen,
        w,
        h,
        " Export ".into(),
        super::box_hint(
            app,
            // Most needed first: a narrow box keeps the first parts.
            &[
                (&[(Action::Activate, Context::Export)], "write"),
                (&[(Action::Back, Context::Export)], "close"),
                (
                    &[
                        (Action::Down, Context::Export),
                        (Action::Up, Context::Export),
                    ],
                    "what",
                ),
                (&[(Action::FocusNext, Context::Export)], "format"),
            ],
        ),
    ) else {
        return;
    };
    let width = usize::from(inner.width);
    // Each line with what it is, so a short box can leave out the spacers
    // and the heading before the choices and the format.
    let mut lines: Vec<(Part, Line)> = vec![
        (Part::Spacer, Line::raw("")),
        (Part::Heading, Line::styled(" What", th.header())),
    ];
    let chosen_at = choices.iter().position(|c| c.what == what).unwrap_or(0);
    for (i, c) in choices.iter().enumerate() {
        let chosen = c.what == what;
        let marker = if chosen { " ▸ " } else { "   " };
        let name = text::pad(&title_case(c.what.name()), NAME_W);
        let label_w = width.saturating_sub(3 + NAME_W + 1);
        let label = text::fit(&c.label, label_w).into_owned();
        let style = match (chosen, c.available) {
            (true, _) => th.selected_row(true).add_modifier(Modifier::BOLD),
            (false, true) => Style::new(),
            (false, false) => th.dim(),
        };
        let label_style = if c.available {
            style
        } else {
            style.patch(th.dim())
        };
        lines.push((
            Part::Choice(i.abs_diff(chosen_at)),
            Line::from(vec![
                Span::styled(marker, style),
                Span::styled(name, style),
                Span::styled(" ", style),
                Span::styled(text::pad(&label, label_w), label_style),
            ]),
        ));
    }
    lines.push((Part::Spacer, Line::raw("")));
    // Every format with its label, fullest first; a narrow box drops the
    // label, then the formats not chosen (Tab still turns through them).
    let format_line = |label: bool, all: bool| {
        let mut spans = Vec::new();
        if label {
            spans.push(Span::styled(" Format  ", th.header()));
        }
        for f in Format::ALL.into_iter().filter(|&f| all || f == format) {
            spans.push(Span::raw(" "));
            // Brackets as well as colour, so the choice shows without colour.
            spans.push(if f == format {
                Span::styled(
                    format!("[{}]", format_label(f)),
                    th.selected_row(true).add_modifier(Modifier::BOLD),
                )
            } else {
                Span::raw(format!(" {} ", format_label(f)))
            });
        }
        Line::from(spans)
    };
    let formats = [(true, true), (false, true), (true, false), (false, false)]
        .into_iter()
        .map(|(label, all)| format_line(label, all))
        .find(|line| line.width() <= width)
        .unwrap_or_else(|| format_line(false, false));
    lines.push((Part::Content, formats));
    lines.push((Part::Spacer, Line::raw("")));
    let [name, into] = tail.fitted(width);
    lines.push((Part::Content, Line::styled(name, th.dim())));
    lines.push((Part::Content, Line::styled(into, th.dim())));
    let room = usize::from(inner.height);
    for drop in [Part::Spacer, Part::Heading] {
        if lines.len() > room {
            lines.retain(|(part, _)| *part != drop);
        }
    }
    // Still too tall: the choices farthest from the chosen one go (j and
    // k still reach them), the last first.
    while lines.len() > room {
        let farthest = lines
            .iter()
            .enumerate()
            .filter_map(|(at, (part, _))| match part {
                Part::Choice(d) if *d > 0 => Some((*d, at)),
                _ => None,
            })
            .max();
        let Some((_, at)) = farthest else { break };
        lines.remove(at);
    }
    // Where those two lines cut the file name or the folder and the box
    // has rows to spare, the sentence is wrapped whole instead, or else
    // the file name alone; spacers give way to them.
    if tail.cut(width) {
        let mut named = wrap(&tail.name, width);
        named.push(text::fit(&tail.folder(width), width).into_owned());
        let spacers = lines
            .iter()
            .filter(|(part, _)| *part == Part::Spacer)
            .count();
        let spare = room.saturating_sub(lines.len());
        let better = [tail.wrapped(width), named]
            .into_iter()
            .find(|w| w.len() <= 2 + spare + spacers);
        if let Some(better) = better {
            lines.truncate(lines.len() - 2);
            while lines.len() + better.len() > room {
                let Some(at) = lines.iter().position(|(part, _)| *part == Part::Spacer) else {
                    break;
                };
                lines.remove(at);
            }
            lines.extend(
                better
                    .into_iter()
                    .map(|l| (Part::Content, Line::styled(l, th.dim()))),
            );
        }
    }
    let lines: Vec<Line> = lines.into_iter().map(|(_, line)| line).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The box's last sentence: the file it writes, and where.
struct Tail {
    /// " Writes dossier-WHAT-YYYYMMDD-HHMMSS.EXT" (the actor's name after
    /// WHAT for its mentions).
    name: String,
    /// The folder, made safe to show; none for the folder dossier was
    /// started in.
    dir: Option<String>,
}

impl Tail {
    fn new(app: &App, what: What, format: Format) -> Tail {
        // (Not from the selection, which would copy every listed row
        // each frame.)
        let about = app.export_subject(what);
        let name = crate::export::file_name(what, about, "YYYYMMDD-HHMMSS", format);
        Tail {
            name: format!(" Writes {}", text::safe_line(&name)),
            dir: app
                .export_dir
                .as_deref()
                .map(|d| text::safe_line(d).into_owned()),
        }
    }

    /// The folder line, whole.
    fn whole_folder(&self) -> String {
        match &self.dir {
            Some(dir) => format!(" into {dir} (time in UTC)."),
            None => " into the folder dossier was started in (time in UTC).".to_owned(),
        }
    }

    /// The folder line for `width` cells: the folder's last parts say the
    /// most, so a long path loses its start.
    fn folder(&self, width: usize) -> String {
        match &self.dir {
            Some(dir) => {
                const AROUND: usize = " into  (time in UTC).".len();
                let cut = text::fit_end(dir, width.saturating_sub(AROUND).max(8));
                format!(" into {cut} (time in UTC).")
            }
            None => self.whole_folder(),
        }
    }

    /// The file name line and the folder line, each fitted to `width`.
    fn fitted(&self, width: usize) -> [String; 2] {
        [
            text::fit(&self.name, width).into_owned(),
            text::fit(&self.folder(width), width).into_owned(),
        ]
    }

    /// Whether [`Tail::fitted`] cuts something at `width`: the file name,
    /// or the folder line or the folder in it.
    fn cut(&self, width: usize) -> bool {
        text::display_width(&self.name) > width || text::display_width(&self.whole_folder()) > width
    }

    /// The whole sentence wrapped to `width` when the two lines would cut
    /// it; else those two lines.
    fn wrapped(&self, width: usize) -> Vec<String> {
        if !self.cut(width) {
            return self.fitted(width).into();
        }
        wrap(&format!("{}{}", self.name, self.whole_folder()), width)
    }
}

/// `s` wrapped to lines of `width` cells, each starting with a space.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let words = s.trim_start();
    let mut ranges = Vec::new();
    text::wrap_paragraph(words, 0..words.len(), width.saturating_sub(1), &mut ranges);
    ranges
        .into_iter()
        .map(|r| format!(" {}", &words[r]))
        .collect()
}

/// What a line of the box is: a short box leaves out spacers first, then
/// the heading, and cuts the file name lines at the end last.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Spacer,
    Heading,
    /// A choice, this many lines from the chosen one.
    Choice(usize),
    Content,
}

fn format_label(f: Format) -> &'static str {
    match f {
        Format::Markdown => "Markdown",
        Format::Csv => "CSV",
        Format::Json => "JSON",
    }
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
