//! One pass over a kubeconfig's parser events, building no values: the syntax of the whole file is
//! checked (the parser sees every byte), so is the shape `Document::parse` checks, and what a reader
//! of one context needs is noted: `current-context`, and the name and place of every entry. A reader
//! then builds only the entries it uses (`SkimmedEntry::value`): `whoami` and `expiry` on a
//! kubeconfig of 1,000 contexts cost one context, not a thousand.
//!
//! The skim decides nothing it is not sure of: anything unusual (anchors, aliases, tags, entries in
//! flow style, a duplicate key, a key or a checked field that is not a plain string, a float, a
//! second document, a syntax error) makes `skim` return `None`, and the reader parses the whole file
//! with `Document::parse`, which reports exactly what it always did.

use std::ops::Range;

use serde_json::Value;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, StructureStyle};

use super::document::{Section, string_fields};
use crate::yaml::{self, PlainScalar};

/// An entry of a section: its name (entries without one are skipped, as `Document` skips them) and
/// the bytes of its mapping.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SkimmedEntry {
    pub name: Option<String>,
    /// From the entry's first key to the start of the line where what follows it begins.
    span: Range<usize>,
    /// How far the first key stands from the start of its line (`- ` and any indentation).
    indent: usize,
    /// A context's `cluster` and `user` when they are strings, so who uses which entry is known
    /// without building the contexts.
    pub links: ContextLinks,
}

/// The `cluster` and `user` a context names, as `Value::as_str` reads them from its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextLinks {
    pub cluster: Option<String>,
    pub user: Option<String>,
}

impl ContextLinks {
    /// The links of a built context body.
    pub fn of(body: &serde_json::Map<String, Value>) -> Self {
        let field = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_string);
        ContextLinks { cluster: field("cluster"), user: field("user") }
    }
}

/// What the skim found in one file.
#[derive(Debug, Clone)]
pub(super) struct Skimmed {
    pub current_context: Option<String>,
    /// The bytes of `current-context`'s value when it is a scalar on one line, not empty: what a
    /// writer may replace without touching the rest of the file.
    pub current_context_span: Option<Range<usize>>,
    /// Per section (`section_index`), in file order.
    pub entries: [Vec<SkimmedEntry>; 3],
}

impl Skimmed {
    pub fn entries(&self, section: Section) -> &[SkimmedEntry] {
        &self.entries[section_index(section)]
    }
}

impl SkimmedEntry {
    /// The entry as `Document::parse` builds it: its text, indented as it stood, parsed on its own.
    /// `None` when it does not parse alone (the caller then parses the whole file).
    pub fn value(&self, text: &str) -> Option<Value> {
        let body = text.get(self.span.clone())?;
        let mut alone = " ".repeat(self.indent);
        alone.push_str(body);
        squeezed_entry_value(&alone).or_else(|| yaml::from_str_yaml_1_1::<Value>(&alone).ok().filter(Value::is_object))
    }

    /// The bytes of the entry, from its first key to the start of what follows it.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Where the entry's first line begins (its `- ` and indentation included), and that lead, when
    /// the dash of its list item is on that line: only then can the entry's lines be replaced whole.
    pub fn dashed_lead<'t>(&self, text: &'t str) -> Option<(usize, &'t str)> {
        let line = line_start(text, self.span.start);
        let lead = &text[line..self.span.start];
        lead.contains('-').then_some((line, lead))
    }
}

pub(super) fn section_index(section: Section) -> usize {
    match section {
        Section::Clusters => 0,
        Section::Users => 1,
        Section::Contexts => 2,
    }
}

fn section_named(key: &str) -> Option<Section> {
    [Section::Clusters, Section::Users, Section::Contexts].into_iter().find(|section| section.key() == key)
}

/// Skims `text` (without a byte-order mark). `None`: parse the whole file instead.
///
/// Most of a kubeconfig's bytes are its base64 certificates and keys, which the parser would scan
/// character by character only to find plain strings. So the skim first parses a squeezed copy, in
/// which each such value is one byte (see [`Squeezed`]), and maps what it found back; only when the
/// squeezed parse cannot confirm every value it squeezed does it parse the text as it is.
pub(super) fn skim(text: &str) -> Option<Skimmed> {
    if let Some(squeezed) = Squeezed::of(text)
        && let Some(found) = squeezed.skim()
    {
        return Some(found);
    }
    Skimmer::new(text, &[]).run().ok()
}

/// For the fuzz target: the skim finds in `text` exactly what it finds without squeezing it.
#[doc(hidden)]
pub fn squeezing_changes_nothing(text: &str) -> bool {
    format!("{:?}", skim(text)) == format!("{:?}", Skimmer::new(text, &[]).run().ok())
}

/// The keys whose values are squeezed: the inline certificate and key data, base64 by definition.
const SQUEEZED_KEYS: [&str; 3] = ["certificate-authority-data", "client-certificate-data", "client-key-data"];
/// Shorter values are left as they are: squeezing them saves nothing worth the bookkeeping.
const SQUEEZE_AT_LEAST: usize = 64;
/// What a squeezed value becomes: a plain string, as the value was.
const PLACEHOLDER: &str = "x";

/// `text` with every line `<spaces>[- ]<data key>: <base64>` (the value at least [`SQUEEZE_AT_LEAST`]
/// bytes, nothing after it on the line, a plain string as YAML 1.1 reads it) holding [`PLACEHOLDER`]
/// in the value's place. Lines, keys and everything but those values are byte for byte the text's, so
/// the copy parses as the text does wherever each placeholder turns out to be a plain scalar of its
/// own (a value left out of a block scalar, or continued on the next line, does not, and the skim
/// then says it is unsure).
struct Squeezed<'t> {
    original: &'t str,
    text: String,
    /// Per squeezed value, in file order: where its placeholder is in `text`, and how many bytes the
    /// values squeezed so far (this one included) had beyond their placeholders.
    values: Vec<(usize, usize)>,
}

impl<'t> Squeezed<'t> {
    /// `None` when no value is worth squeezing.
    fn of(original: &'t str) -> Option<Self> {
        let (text, squeezed) = squeeze(original, |_, copy| copy.push_str(PLACEHOLDER))?;
        let mut grown = 0;
        let values = squeezed
            .into_iter()
            .map(|(value, placeholder_at)| {
                grown += value.len() - PLACEHOLDER.len();
                (placeholder_at, grown)
            })
            .collect();
        Some(Squeezed { original, text, values })
    }

    fn skim(&self) -> Option<Skimmed> {
        let placeholders: Vec<usize> = self.values.iter().map(|&(at, _)| at).collect();
        let mut found = Skimmer::new(&self.text, &placeholders).run().ok()?;
        if let Some(span) = &mut found.current_context_span {
            *span = self.original_range(span);
        }
        for entry in found.entries.iter_mut().flatten() {
            entry.span = self.original_range(&entry.span);
        }
        debug_assert!(found.entries.iter().flatten().all(|entry| self.original.get(entry.span()).is_some()));
        Some(found)
    }

    fn original_range(&self, range: &Range<usize>) -> Range<usize> {
        self.original_offset(range.start)..self.original_offset(range.end)
    }

    /// Where an offset of the squeezed text is in the original: after a placeholder, later by what
    /// its value had beyond one byte. (No offset the skim keeps falls inside a one-byte placeholder.)
    fn original_offset(&self, at: usize) -> usize {
        let before = self.values.partition_point(|&(placeholder, _)| placeholder + PLACEHOLDER.len() <= at);
        at + before.checked_sub(1).map_or(0, |last| self.values[last].1)
    }
}

/// Where in `text` each value worth squeezing is (see [`Squeezed`]), in order.
fn squeezable_values(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_inclusive('\n')
        .scan(0, |line_start, line| {
            let at = *line_start;
            *line_start += line.len();
            Some(squeezable_value(line).map(|value| at + value.start..at + value.end))
        })
        .flatten()
}

/// What a squeezed value becomes where values are built from a squeezed text: this, then its number.
/// A text holding it anywhere is not squeezed, so in what the parser builds it can only be a placeholder.
const NUMBERED_PLACEHOLDER: &str = "kubectl-ack-squeezed-";

/// `text` with each value worth squeezing (see [`Squeezed`]) replaced by a numbered placeholder, and
/// where in `text` each value is. `None` when there is nothing to squeeze, or the text already holds
/// the placeholder's spelling.
fn squeeze_numbered(text: &str) -> Option<(String, Vec<Range<usize>>)> {
    if text.contains(NUMBERED_PLACEHOLDER) {
        return None;
    }
    let (squeezed, values) = squeeze(text, |number, copy| {
        copy.push_str(NUMBERED_PLACEHOLDER);
        copy.push_str(&number.to_string());
    })?;
    Some((squeezed, values.into_iter().map(|(value, _)| value).collect()))
}

/// `text` with each value worth squeezing replaced by what `placeholder` writes for it (given its
/// number), and per value, in order: where it is in `text`, and where its placeholder starts in the
/// copy. `None` when no value is worth squeezing.
#[allow(clippy::type_complexity)]
fn squeeze(
    text: &str,
    mut placeholder: impl FnMut(usize, &mut String),
) -> Option<(String, Vec<(Range<usize>, usize)>)> {
    let mut squeezed = String::new();
    let mut values = Vec::new();
    let mut copied = 0;
    for value in squeezable_values(text) {
        if values.is_empty() {
            // What is left of a typical kubeconfig once its certificates are squeezed.
            squeezed.reserve(text.len() / 8);
        }
        squeezed.push_str(&text[copied..value.start]);
        let placeholder_at = squeezed.len();
        placeholder(values.len(), &mut squeezed);
        copied = value.end;
        values.push((value, placeholder_at));
    }
    if values.is_empty() {
        return None;
    }
    squeezed.push_str(&text[copied..]);
    Some((squeezed, values))
}

/// Whether what a numbered squeeze of a text built holds each of its `count` placeholders once, as a
/// whole string, and the spelling nowhere else (not inside a longer string, not in a key). Exactly
/// then each squeezed value was a plain string of its own, and putting the values back
/// ([`put_values_back`]) builds what the text builds.
fn holds_each_placeholder_once<'v>(built: impl IntoIterator<Item = (&'v String, &'v Value)>, count: usize) -> bool {
    let mut seen = vec![false; count];
    built.into_iter().all(|(key, value)| !key.contains(NUMBERED_PLACEHOLDER) && placeholders_seen(value, &mut seen))
        && seen.iter().all(|&once| once)
}

fn placeholders_seen(value: &Value, seen: &mut [bool]) -> bool {
    match value {
        Value::String(string) if string.contains(NUMBERED_PLACEHOLDER) => match placeholder_number(string) {
            Some(number) if number < seen.len() && !seen[number] => {
                seen[number] = true;
                true
            }
            _ => false,
        },
        Value::Array(items) => items.iter().all(|item| placeholders_seen(item, seen)),
        Value::Object(map) => {
            map.iter().all(|(key, item)| !key.contains(NUMBERED_PLACEHOLDER) && placeholders_seen(item, seen))
        }
        _ => true,
    }
}

/// The number of a placeholder written as [`squeeze_numbered`] writes it.
fn placeholder_number(string: &str) -> Option<usize> {
    let digits = string.strip_prefix(NUMBERED_PLACEHOLDER)?;
    digits.parse::<usize>().ok().filter(|number| number.to_string() == digits)
}

/// Puts the squeezed values of `text` back into what was built from its numbered squeeze (all of it,
/// or a part cloned out), once [`holds_each_placeholder_once`] said yes.
fn put_values_back(built: &mut Value, text: &str, values: &[Range<usize>]) {
    match built {
        Value::String(string) => {
            if let Some(value) = placeholder_number(string).and_then(|number| values.get(number)) {
                *string = text[value.clone()].to_string();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| put_values_back(item, text, values)),
        Value::Object(map) => map.values_mut().for_each(|item| put_values_back(item, text, values)),
        _ => {}
    }
}

/// An entry's text (see `SkimmedEntry::value`) built from its numbered squeeze, its certificates and
/// keys put back: the parser scans what is left of it, not its base64 byte by byte. `None` when there
/// is nothing to squeeze, or the squeeze did not build as the text would: the caller then parses the
/// text as it is.
fn squeezed_entry_value(text: &str) -> Option<Value> {
    let (squeezed, values) = squeeze_numbered(text)?;
    let mut built = yaml::from_str_yaml_1_1::<Value>(&squeezed).ok()?;
    let Value::Object(map) = &built else { return None };
    if !holds_each_placeholder_once(map, values.len()) {
        return None;
    }
    put_values_back(&mut built, text, &values);
    Some(built)
}

/// The range of `line` (its line break included) holding a value worth squeezing, if it has one.
fn squeezable_value(line: &str) -> Option<Range<usize>> {
    let content = line.strip_suffix('\n').unwrap_or(line);
    let content = content.strip_suffix('\r').unwrap_or(content);
    if content.len() < SQUEEZE_AT_LEAST {
        return None;
    }
    let rest = content.trim_start_matches(' ');
    let rest = rest.strip_prefix("- ").unwrap_or(rest).trim_start_matches(' ');
    let (key, value) = rest.split_once(": ")?;
    if !SQUEEZED_KEYS.contains(&key) || value.len() < SQUEEZE_AT_LEAST {
        return None;
    }
    // One pass over the value (most of the file's bytes): all base64, and whether a byte proves it a
    // string. Without such a byte it could be a YAML 1.1 number (`0x…`, `1e5`): then ask the resolver.
    let (mut every, mut any) = (BASE64, 0);
    for byte in value.bytes() {
        let class = BYTE_CLASS[usize::from(byte)];
        every &= class;
        any |= class;
    }
    let squeezable = every & BASE64 != 0 && (any & PROVES_TEXT != 0 || yaml::resolve_plain(value) == PlainScalar::Str);
    squeezable.then(|| content.len() - value.len()..content.len())
}

/// [`BYTE_CLASS`] bits: the byte is in the base64 alphabet (every byte of a squeezed value is); the
/// byte cannot be in a YAML number (one such byte is enough).
const BASE64: u8 = 1;
const PROVES_TEXT: u8 = 2;

/// What each byte is, for [`squeezable_value`]'s one pass. Numbers over the base64 alphabet use digits,
/// signs, hexadecimal letters and the `x`/`o`/`b`/`e` of `0x`, `0o`, `0b` and exponents; any other
/// letter, `/` or `=` proves a string.
const BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        let base64 = b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=';
        let numeric = b.is_ascii_hexdigit() || b == b'+' || matches!(b.to_ascii_lowercase(), b'x' | b'o' | b'e');
        class[byte] = if base64 { BASE64 } else { 0 } | if base64 && !numeric { PROVES_TEXT } else { 0 };
        byte += 1;
    }
    class
};

/// The skim stopped: the whole file must be parsed to decide.
struct Unsure;

/// Where the skim is: one frame per open collection.
enum Frame {
    /// The top-level mapping.
    Root(Keys),
    /// The block list of a section.
    Section(Section),
    /// A section's list in flow style (`contexts: []`): fine only while empty.
    FlowSection,
    /// An entry of a section: the mapping with `name` and the body.
    Entry(Section, Keys),
    /// The body of an entry (`cluster:`, `user:`, `context:`).
    Body(Section, Keys),
    /// Any other mapping or sequence.
    Mapping(Keys),
    Sequence,
}

impl Frame {
    fn keys(&mut self) -> Option<&mut Keys> {
        match self {
            Frame::Root(keys) | Frame::Entry(_, keys) | Frame::Body(_, keys) | Frame::Mapping(keys) => Some(keys),
            Frame::Section(_) | Frame::FlowSection | Frame::Sequence => None,
        }
    }
}

/// The keys of a mapping seen so far, whether the next node is a key, and the key whose value is next.
struct Keys {
    /// Mappings of a kubeconfig have a handful of keys: a list is faster than a set.
    seen: Vec<String>,
    next_is_key: bool,
    value_of: Option<String>,
}

impl Keys {
    fn new() -> Keys {
        Keys { seen: Vec::new(), next_is_key: true, value_of: None }
    }
}

/// Where a node stands in its parent: a key, the value of a key, or an item of a sequence.
enum Place {
    Key,
    ValueOf(Option<String>),
    Item,
}

struct Skimmer<'t> {
    text: &'t str,
    /// Where a squeezed text holds placeholders (in order), and how many of them the parse has shown
    /// to be plain scalars of their own: the skim is sure only when that is all of them.
    placeholders: &'t [usize],
    confirmed: usize,
    frames: Vec<Frame>,
    found: Skimmed,
    documents: usize,
    /// An entry's mapping just opened: its place is that of its first key, the next event.
    opening: Option<Section>,
    /// A section's list just closed: its last entry ends where the next top-level key's line begins.
    closing: Option<Section>,
}

impl<'t> Skimmer<'t> {
    fn new(text: &'t str, placeholders: &'t [usize]) -> Self {
        let found = Skimmed { current_context: None, current_context_span: None, entries: Default::default() };
        Skimmer {
            text,
            placeholders,
            confirmed: 0,
            frames: Vec::new(),
            found,
            documents: 0,
            opening: None,
            closing: None,
        }
    }

    fn run(mut self) -> Result<Skimmed, Unsure> {
        for item in Parser::new_from_str(self.text) {
            let (event, span) = item.map_err(|_| Unsure)?;
            let start = span.start.byte_offset().ok_or(Unsure)?;
            let end = span.end.byte_offset().ok_or(Unsure)?;
            self.event(event, start..end)?;
        }
        if self.documents != 1
            || !self.frames.is_empty()
            || self.opening.is_some()
            || self.confirmed != self.placeholders.len()
        {
            return Err(Unsure);
        }
        // A section that ends the file: its last entry ends before the file's trailing blank lines and comments.
        if let Some(section) = self.closing.take()
            && let Some(last) = self.found.entries[section_index(section)].last_mut()
        {
            last.close(self.text, self.text.len());
        }
        Ok(self.found)
    }

    fn event(&mut self, event: Event<'t>, span: Range<usize>) -> Result<(), Unsure> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Comment(..) => Ok(()),
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents == 1 { Ok(()) } else { Err(Unsure) }
            }
            Event::Scalar(value, style, anchor, tag) if anchor == 0 && tag.is_none() => {
                self.scalar(&value, style, span)
            }
            Event::MappingStart(style, anchor, tag) if anchor == 0 && tag.is_none() => self.open_mapping(style),
            Event::SequenceStart(style, anchor, tag) if anchor == 0 && tag.is_none() => self.open_sequence(style),
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
                Ok(())
            }
            // Anchors, tags, aliases, and anything a later parser adds: the whole parse decides.
            _ => Err(Unsure),
        }
    }

    /// Where the next node stands, moving its mapping on to what follows it.
    fn place(&mut self) -> Result<Place, Unsure> {
        let Some(frame) = self.frames.last_mut() else { return Ok(Place::Item) };
        if let Frame::FlowSection = frame {
            return Err(Unsure);
        }
        let Some(keys) = frame.keys() else { return Ok(Place::Item) };
        keys.next_is_key = !keys.next_is_key;
        if keys.next_is_key { Ok(Place::ValueOf(keys.value_of.take())) } else { Ok(Place::Key) }
    }

    fn scalar(&mut self, value: &str, style: ScalarStyle, span: Range<usize>) -> Result<(), Unsure> {
        let start = span.start;
        if style == ScalarStyle::Plain
            && value == PLACEHOLDER
            && span.len() == PLACEHOLDER.len()
            && self.placeholders.binary_search(&start).is_ok()
        {
            self.confirmed += 1;
        }
        let resolved = if style == ScalarStyle::Plain { yaml::resolve_plain(value) } else { PlainScalar::Str };
        // serde-saphyr refuses non-finite floats; floats are too rare in kubeconfigs to reason about.
        if resolved == PlainScalar::Float {
            return Err(Unsure);
        }
        if let Some(section) = self.opening.take() {
            self.open_entry(section, start)?;
        }
        match self.place()? {
            Place::Key => self.key(value, resolved, start),
            Place::ValueOf(key) => self.value(key.as_deref(), value, resolved, span),
            Place::Item => match self.frames.last() {
                Some(Frame::Section(_)) | None => Err(Unsure),
                _ => Ok(()),
            },
        }
    }

    /// A mapping key: a plain string, once per mapping (serde-saphyr refuses duplicates).
    fn key(&mut self, value: &str, resolved: PlainScalar, start: usize) -> Result<(), Unsure> {
        if resolved != PlainScalar::Str {
            return Err(Unsure);
        }
        let at_root = matches!(self.frames.last(), Some(Frame::Root(_)));
        let keys = self.frames.last_mut().and_then(Frame::keys).ok_or(Unsure)?;
        if keys.seen.iter().any(|seen| seen == value) {
            return Err(Unsure);
        }
        keys.seen.push(value.to_string());
        keys.value_of = Some(value.to_string());
        if at_root && let Some(section) = self.closing.take() {
            let end = line_start(self.text, start);
            if let Some(last) = self.found.entries[section_index(section)].last_mut() {
                last.close(self.text, end);
            }
        }
        Ok(())
    }

    /// A scalar value: checked where `Document::parse` checks it, noted where a reader needs it.
    fn value(
        &mut self,
        key: Option<&str>,
        value: &str,
        resolved: PlainScalar,
        span: Range<usize>,
    ) -> Result<(), Unsure> {
        let text_or_null = matches!(resolved, PlainScalar::Str | PlainScalar::Null);
        let Some(key) = key else { return Ok(()) };
        match self.frames.last() {
            Some(Frame::Root(_)) if key == "current-context" => {
                if !text_or_null {
                    return Err(Unsure);
                }
                self.found.current_context = (resolved == PlainScalar::Str).then(|| value.to_string());
                let bytes = self.text.get(span.clone()).unwrap_or("");
                self.found.current_context_span =
                    (!bytes.trim().is_empty() && !bytes.contains(['\n', '\r'])).then_some(span);
            }
            // A section, or an entry's body, that is not a collection is only fine when null.
            Some(Frame::Root(_)) if section_named(key).is_some() && resolved != PlainScalar::Null => {
                return Err(Unsure);
            }
            Some(Frame::Entry(section, _)) if key == section.body_key() && resolved != PlainScalar::Null => {
                return Err(Unsure);
            }
            Some(Frame::Entry(section, _)) if key == "name" => {
                if !text_or_null {
                    return Err(Unsure);
                }
                let section = *section;
                let entry = self.found.entries[section_index(section)].last_mut().ok_or(Unsure)?;
                entry.name = (resolved == PlainScalar::Str).then(|| value.to_string());
            }
            Some(Frame::Body(section, _)) if string_fields(*section).contains(&key) && !text_or_null => {
                return Err(Unsure);
            }
            Some(Frame::Body(Section::Contexts, _))
                if resolved == PlainScalar::Str && matches!(key, "cluster" | "user") =>
            {
                let entry = self.found.entries[section_index(Section::Contexts)].last_mut().ok_or(Unsure)?;
                let link = if key == "cluster" { &mut entry.links.cluster } else { &mut entry.links.user };
                *link = Some(value.to_string());
            }
            _ => {}
        }
        Ok(())
    }

    fn open_mapping(&mut self, style: StructureStyle) -> Result<(), Unsure> {
        if self.opening.is_some() {
            return Err(Unsure);
        }
        let frame = match (self.place()?, self.frames.last()) {
            (Place::Key, _) => return Err(Unsure),
            (_, None) => Frame::Root(Keys::new()),
            (_, Some(Frame::Section(section))) if style == StructureStyle::Block => {
                self.opening = Some(*section);
                Frame::Entry(*section, Keys::new())
            }
            (_, Some(Frame::Section(_))) => return Err(Unsure),
            (Place::ValueOf(Some(key)), Some(frame)) => match frame {
                Frame::Root(_) if key == "current-context" || section_named(&key).is_some() => return Err(Unsure),
                Frame::Entry(section, _) if key == section.body_key() => Frame::Body(*section, Keys::new()),
                Frame::Entry(_, _) if key == "name" => return Err(Unsure),
                Frame::Body(section, _) if string_fields(*section).contains(&key.as_str()) => return Err(Unsure),
                _ => Frame::Mapping(Keys::new()),
            },
            _ => Frame::Mapping(Keys::new()),
        };
        self.frames.push(frame);
        Ok(())
    }

    fn open_sequence(&mut self, style: StructureStyle) -> Result<(), Unsure> {
        if self.opening.is_some() {
            return Err(Unsure);
        }
        let frame = match (self.place()?, self.frames.last()) {
            (Place::Key, _) | (_, None) | (_, Some(Frame::Section(_))) => return Err(Unsure),
            (Place::ValueOf(Some(key)), Some(frame)) => match frame {
                Frame::Root(_) => match section_named(&key) {
                    Some(section) if style == StructureStyle::Block => {
                        self.closing = Some(section);
                        Frame::Section(section)
                    }
                    Some(_) => Frame::FlowSection,
                    None if key == "current-context" => return Err(Unsure),
                    None => Frame::Sequence,
                },
                Frame::Entry(section, _) if key == "name" || key == section.body_key() => return Err(Unsure),
                Frame::Body(section, _) if string_fields(*section).contains(&key.as_str()) => return Err(Unsure),
                _ => Frame::Sequence,
            },
            _ => Frame::Sequence,
        };
        self.frames.push(frame);
        Ok(())
    }

    /// The first key of an entry: where it starts, and how far from its line's start. The entry before
    /// it in the section ends where this line begins.
    fn open_entry(&mut self, section: Section, key_start: usize) -> Result<(), Unsure> {
        let line = line_start(self.text, key_start);
        let lead = &self.text[line..key_start];
        if !lead.bytes().all(|byte| byte == b' ' || byte == b'-') {
            return Err(Unsure);
        }
        let entries = &mut self.found.entries[section_index(section)];
        if let Some(previous) = entries.last_mut() {
            previous.close(self.text, line);
        }
        entries.push(SkimmedEntry {
            name: None,
            span: key_start..self.text.len(),
            indent: lead.len(),
            links: ContextLinks::default(),
        });
        Ok(())
    }
}

impl SkimmedEntry {
    /// Ends the entry at `end` (where the next entry's line or the next top-level key's line begins),
    /// without the lines before it that are not the entry's: blank and comment lines, and a bare `-`
    /// left of the entry's keys (the next entry's dash, when its first key is on a line of its own).
    fn close(&mut self, text: &str, end: usize) {
        let mut end = end.max(self.span.start);
        while end > self.span.start {
            let line = line_start(text, end - 1).max(self.span.start);
            let content = text[line..end].trim_end_matches(['\n', '\r']);
            let trimmed = content.trim_start();
            let dash_column = content.len() - trimmed.len();
            let foreign = trimmed.trim_end().is_empty()
                || trimmed.starts_with('#')
                || (trimmed.trim_end() == "-" && dash_column < self.indent);
            if !foreign || line == self.span.start {
                break;
            }
            end = line;
        }
        self.span.end = end;
    }
}

/// The byte offset where the line holding `at` begins.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |newline| newline + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeconfig::Document;

    /// Every entry the skim found, built alone, is the entry `Document::parse` builds.
    fn agrees_with_the_whole_parse(text: &str) {
        let skimmed = skim(text).unwrap_or_else(|| panic!("not skimmed:\n{text}"));
        let document = Document::parse(text).unwrap();
        assert_eq!(skimmed.current_context.as_deref().filter(|name| !name.is_empty()), document.current_context());
        for section in [Section::Clusters, Section::Users, Section::Contexts] {
            let whole: Vec<Value> = document.section_values(section).to_vec();
            let alone: Vec<Value> = skimmed.entries(section).iter().map(|entry| entry.value(text).unwrap()).collect();
            assert_eq!(alone, whole, "{section:?} in:\n{text}");
            let names: Vec<Option<&str>> = skimmed.entries(section).iter().map(|entry| entry.name.as_deref()).collect();
            let whole_names: Vec<Option<&str>> =
                whole.iter().map(|entry| entry.get("name").and_then(Value::as_str)).collect();
            assert_eq!(names, whole_names);
        }
    }

    const KUBECTL_STYLE: &str = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: QUJD\n    server: https://127.0.0.1:6443\n  name: a\n- cluster:\n    server: https://127.0.0.2:6443\n  name: b\ncontexts:\n- context:\n    cluster: a\n    user: u\n    namespace: \"012\"\n  name: ctx-a\n- context:\n    cluster: b\n    user: u\n  name: ctx-b\ncurrent-context: ctx-b\nkind: Config\npreferences: {}\nusers:\n- name: u\n  user:\n    client-certificate-data: QUJD\n    client-key-data: REVG";

    #[test]
    fn entries_built_alone_are_the_entries_of_the_whole_file() {
        agrees_with_the_whole_parse(KUBECTL_STYLE);
        agrees_with_the_whole_parse(&format!("{KUBECTL_STYLE}\n"));
        // Indented lists, comments between entries, an entry whose first key is on its own line,
        // multi-line scalars, flow mappings inside entries, YAML 1.1 scalars, an empty flow section.
        agrees_with_the_whole_parse(
            "# top\ncurrent-context: 'x'\ncontexts:\n  - name: x # the one\n    context: {cluster: c, user: u}\n\n  # next\n  -\n    name: why\n    context:\n      cluster: c\n      extensions:\n      - name: e\n        extension:\n          note: |\n            line one\n            line two\n          flag: yes\n          octal: 0777\n          plain: a\n            folded\nusers: []\nclusters:\n- name: c\n  cluster:\n    server: https://h:1\n",
        );
    }

    /// What the skim finds in `text` is what the parse of the text as it is finds; `squeezed` says
    /// whether the squeezed parse should have been the one that answered.
    fn skims_as_it_is(text: &str, squeezed: bool) {
        assert!(squeezing_changes_nothing(text), "in:\n{text}");
        let answered = Squeezed::of(text).and_then(|squeezed| squeezed.skim()).is_some();
        assert_eq!(answered, squeezed, "squeezed skim answered: {answered}, in:\n{text}");
    }

    fn base64(seed: u8) -> String {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        (0..(300 + usize::from(seed) * 37)).map(|i| alphabet[(i * 7 + usize::from(seed)) % 64] as char).collect()
    }

    #[test]
    fn squeezed_certificates_map_back_to_the_files_own_bytes() {
        let (ca, cert, key) = (base64(1), base64(2), base64(3));
        let kubectl_style = format!(
            "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {ca}\n    server: https://127.0.0.1:6443\n  name: a\ncontexts:\n- context:\n    cluster: a\n    user: u\n  name: ctx\ncurrent-context: ctx\nkind: Config\nusers:\n- name: u\n  user:\n    client-certificate-data: {cert}\n    client-key-data: {key}==\n"
        );
        skims_as_it_is(&kubectl_style, true);
        agrees_with_the_whole_parse(&kubectl_style);
        skims_as_it_is(&kubectl_style.replace('\n', "\r\n"), true);
        agrees_with_the_whole_parse(&kubectl_style.replace('\n', "\r\n"));
        // Indented lists, a data key first in its entry, comments and a last entry at the end of the file.
        let odd = format!(
            "current-context: c\ncontexts:\n  - name: c\n    context: {{cluster: k, user: u}}\nclusters:\n  - name: k # one\n    cluster:\n      certificate-authority-data: {ca}\n      server: https://h:1\n\n  # two\nusers:\n  - user:\n      client-key-data: {key}\n      client-certificate-data: {cert}\n    name: u\n  - client-key-data: {key}\n    name: loose\n# end\n"
        );
        skims_as_it_is(&odd, true);
        agrees_with_the_whole_parse(&odd);
    }

    /// The fuzz seeds that take each way, so the fuzz target's mutants start from both.
    #[test]
    fn the_fuzz_seeds_cover_the_squeezed_skim_and_its_fallback() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds/kubeconfig_document/");
        let read = |name: &str| std::fs::read_to_string(format!("{seeds}{name}")).unwrap();
        skims_as_it_is(&read("squeezed-certificates.yaml"), true);
        agrees_with_the_whole_parse(&read("squeezed-certificates.yaml"));
        skims_as_it_is(&read("squeezable-line-in-a-literal.yaml"), false);
        agrees_with_the_whole_parse(&read("squeezable-line-in-a-literal.yaml"));
    }

    #[test]
    fn a_squeezed_line_that_is_not_a_value_of_its_own_is_parsed_as_it_is() {
        let key = base64(4);
        for text in [
            // Inside a block scalar, a double-quoted string, a plain string continued on the next line.
            format!("current-context: |\n  client-key-data: {key}\nusers: []\n"),
            format!("current-context: \"a\n  client-key-data: {key}\"\nusers: []\n"),
            format!("users:\n- name: u\n  user:\n    client-key-data: {key}\n      {key}\n"),
            // Broken YAML around a squeezable line stays broken.
            format!("users:\n- name: u\n  user:\n    client-key-data: {key}\n   bad: [\n"),
            // A duplicate key is noticed in the squeezed copy too.
            format!("users:\n- name: u\n  user:\n    client-key-data: {key}\n    client-key-data: {key}\n"),
        ] {
            skims_as_it_is(&text, false);
        }
        assert!(skim(&format!("current-context: |\n  client-key-data: {key}\nusers: []\n")).is_some());
    }

    /// An entry built from its squeezed copy is the entry the text builds; `squeezed`: whether the
    /// squeezed copy was the one that answered.
    fn builds_as_it_is(text: &str, squeezed: bool) {
        let as_it_is = yaml::from_str_yaml_1_1::<Value>(text).ok().filter(Value::is_object);
        let from_squeezed = squeezed_entry_value(text);
        assert_eq!(from_squeezed.is_some(), squeezed, "in:\n{text}");
        if let Some(built) = from_squeezed {
            assert_eq!(Some(built), as_it_is, "in:\n{text}");
        }
    }

    #[test]
    fn an_entry_built_from_its_squeezed_copy_is_the_entry_its_text_builds() {
        let (ca, cert, key) = (base64(6), base64(7), base64(8));
        builds_as_it_is(
            &format!("  name: u\n  user:\n    client-certificate-data: {cert}\n    client-key-data: {key}\n"),
            true,
        );
        builds_as_it_is(
            &format!("  cluster:\n    certificate-authority-data: {ca}\r\n    server: https://h:1\n  name: c\n"),
            true,
        );
        // A loose data key beside the name, and one inside a list under the body.
        builds_as_it_is(
            &format!("  client-key-data: {key}\n  name: loose\n  user:\n    extra:\n    - client-key-data: {key}\n"),
            true,
        );
        for as_it_is in [
            // Not a value of its own: in a block scalar, inside a quoted string, continued on the next line.
            format!("  name: u\n  user:\n    note: |\n      client-key-data: {key}\n"),
            format!("  name: u\n  user:\n    note: \"a\n      client-key-data: {key}\"\n"),
            format!("  name: u\n  user:\n    client-key-data: {key}\n      {key}\n"),
            // The placeholder's spelling is in the text already.
            format!("  name: kubectl-ack-squeezed-0\n  user:\n    client-key-data: {key}\n"),
            // Nothing to squeeze, or text that does not build.
            "  name: u\n  user:\n    token: t\n".to_string(),
            format!("  name: u\n  user:\n    client-key-data: {key}\n    client-key-data: {key}\n"),
        ] {
            builds_as_it_is(&as_it_is, false);
        }
    }

    #[test]
    fn only_long_base64_plain_strings_of_the_data_keys_are_squeezed() {
        let long = base64(5);
        let digits = "1".repeat(80);
        assert_eq!(squeezable_value(&format!("    client-key-data: {long}\n")), Some(21..21 + long.len()));
        assert_eq!(squeezable_value(&format!("- certificate-authority-data: {long}")), Some(30..30 + long.len()));
        // What looks like a number over the base64 alphabet is squeezed exactly when YAML 1.1 reads a
        // string (a long run of digits is a number; a long hexadecimal one overflows into a string).
        let hex = format!("0x{}", "0123456789abcdefABCDEF".repeat(4));
        let exponent = format!("{}e+5", "9".repeat(70));
        assert_ne!(yaml::resolve_plain(&digits), PlainScalar::Str);
        for number in [&hex, &exponent, &digits, &format!("+{digits}")] {
            let squeezed = squeezable_value(&format!("    client-key-data: {number}\n")).is_some();
            assert_eq!(squeezed, yaml::resolve_plain(number) == PlainScalar::Str, "{number}");
        }
        for line in [
            format!("    client-key-data: {}\n", &long[..40]),
            format!("    client-key-data: {long} # a comment\n"),
            format!("    client-key-data: \"{long}\"\n"),
            format!("    token: {long}\n"),
            format!("\tclient-key-data: {long}\n"),
            format!("    client-key-data:  {long}\n"),
        ] {
            assert_eq!(squeezable_value(&line), None, "{line}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_the_whole_parse() {
        for text in [
            "contexts:\n- &a {name: x}\n- *a\n",
            "contexts: [{name: x}]\n",
            "contexts:\n- name: x\n  name: y\n",
            "current-context: a\ncurrent-context: b\n",
            "contexts:\n- name: 12\n",
            "current-context: [a]\n",
            "clusters: 7\n",
            "clusters:\n- just a string\n",
            "clusters:\n- name: c\n  cluster: [server]\n",
            "clusters:\n- name: c\n  cluster:\n    server: [https://h]\n",
            "clusters:\n- name: c\n  cluster:\n    server: 6443\n",
            "users:\n- name: u\n  user: !!map {}\n",
            "a: 1.5\n",
            "a: .inf\n",
            "? [complex]\n: key\n",
            "a: b\n---\nc: d\n",
            "- a list\n",
            "clusters:\n- name: c\n  cluster: {server: [\n",
            "yes: key\n",
        ] {
            assert!(skim(text).is_none(), "skimmed:\n{text}");
        }
    }
}
