//! The command line: arguments in, the rendering or the stylesheet out.

use std::io::Read;
use std::process::ExitCode;

use news_embed::ssr::{render_element, stylesheet, ElementKind, RenderOptions};

const USAGE: &str = "\
news-embed: renders a news article or listing as <news-article>/<news-list> with a
declarative shadow root, the markup the widget shows in the browser.

usage:
  news-embed render [FILE|-] [options]   FILE is the article or listing JSON; - or none
                                         reads standard input
  news-embed stylesheet                  prints the stylesheet the rendering links

render options:
  --lang TAG          labels and dates (vi, en, …); default: the article's language, else en
  --element KIND      article or list; default: article for an article, list for a listing
  --format NAME       auto, native, jsonfeed, wordpress, schemaorg (default auto)
  --limit N           most items shown in a list or in other news
  --item ID           with a feed in <news-article>: the item to show
  --link-target T     where the widget's links open (_blank, _top, …)
  --src URL           written on the element: the widget fetches it when it starts, to stay live
  --base URL          where relative URLs in the JSON resolve (where the browser fetches it)
  --theme T           light, dark or auto, written on the element
  --loading L         lazy or eager, written on the element
  --time-zone Z       written on the element; the server renders the source's own offset
  --stylesheet HREF   the linked stylesheet (default /dist/news-embed.css)
";

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("news-embed: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Render(message)) => {
            eprintln!("news-embed: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage(String),
    Render(String),
}

fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("render") => render(&args[1..]),
        Some("stylesheet") if args.len() == 1 => Ok(stylesheet().to_owned()),
        Some("-h" | "--help" | "help") => Ok(USAGE.trim_end().to_owned()),
        Some(other) => Err(Failure::Usage(format!(
            "unknown command or argument: {other}"
        ))),
        None => Err(Failure::Usage("no command".to_owned())),
    }
}

fn render(args: &[String]) -> Result<String, Failure> {
    let mut options = RenderOptions::default();
    let mut input: Option<&str> = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let Some(name) = arg.strip_prefix("--") else {
            if input.replace(arg).is_some() {
                return Err(Failure::Usage("more than one input file".to_owned()));
            }
            continue;
        };
        let value = rest
            .next()
            .ok_or_else(|| Failure::Usage(format!("--{name} needs a value")))?
            .clone();
        match name {
            "lang" => options.lang = Some(value),
            "format" => options.format = Some(value),
            "item" => options.item = Some(value),
            "link-target" => options.link_target = Some(value),
            "base" => options.base = Some(value),
            "stylesheet" => options.stylesheet = Some(value),
            "limit" => {
                let limit = value
                    .trim()
                    .parse()
                    .map_err(|_| Failure::Usage(format!("--limit {value}: not a whole number")))?;
                options.limit = Some(limit);
            }
            "element" => {
                options.element = Some(match value.as_str() {
                    "article" => ElementKind::Article,
                    "list" => ElementKind::List,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--element {value}: article or list"
                        )))
                    }
                });
            }
            "src" | "theme" | "loading" | "time-zone" => {
                options.attributes.push((name.to_owned(), value));
            }
            _ => return Err(Failure::Usage(format!("unknown option --{name}"))),
        }
    }
    let json = match input {
        None | Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Failure::Render(format!("standard input: {e}")))?;
            text
        }
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| Failure::Render(format!("{path}: {e}")))?
        }
    };
    render_element(&json, &options).map_err(|e| Failure::Render(e.to_string()))
}
