/// The three displaCy styles (`displacy.render(style=...)`).
public enum DisplacyStyle: String, Sendable, CaseIterable {
    case dep, ent, span
}

/// How values taken from a doc are escaped.
public enum DisplacyEscaping: Sendable, Equatable {
    /// Exactly as spaCy: token and entity text escaped; tags, lemmas, labels, kb ids/urls and titles raw.
    case spacy
    /// For reports: every string that comes from a doc is escaped, so a doc cannot inject markup.
    /// Equal to `.spacy` whenever those strings hold none of `& < > "`.
    case safe
}

/// `doc.lang_` and the writing direction displaCy writes into `lang`/`xml:lang` and `dir`.
public struct DocSettings: Sendable, Equatable {
    public var lang: String
    public var direction: String

    public init(lang: String, direction: String) {
        self.lang = lang
        self.direction = direction
    }

    /// The settings `get_doc_settings` gives a doc of this language: right-to-left for the languages
    /// whose spaCy `Language.Defaults.writing_system` says so (ar, fa, he, ur), else left-to-right.
    public init(lang: String) {
        self.lang = lang
        self.direction = DocSettings.rightToLeft.contains(lang) ? "rtl" : "ltr"
    }

    /// spaCy 3.8.18 languages with `writing_system["direction"] == "rtl"`.
    public static let rightToLeft: Set<String> = ["ar", "fa", "he", "ur"]

    /// displaCy's `DEFAULT_LANG`/`DEFAULT_DIR`, used when a manual dict has no settings.
    public static let `default` = DocSettings(lang: "en", direction: "ltr")
}
