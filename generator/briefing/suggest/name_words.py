"""The words that tell a name's kind: offices and titles, organisations' words and legal forms, words no name holds.

Kept apart from `suggest.people`, which reads them, so each list can be checked on its own. The
legal forms are cleanco's (companies worldwide: "Inc", "N.V.", "AG", "S.p.A.", "Oyj"); the titles
nameparser's, with the few words of reporting it lacks.
"""

from __future__ import annotations

from cleanco import termdata  # type: ignore[import-untyped]
from nameparser.config import CONSTANTS

# Words of reporting that describe a person's job but are not in nameparser's titles.
DESCRIPTORS = {
    "leader",
    "chief",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "foreign",
    "defence",
    "defense",
    "finance",
    "treasury",
    "trade",
    "interior",
    "state",
    "deputy",
    "vice",
    "former",
    "opposition",
    "supreme",
    "top",
    "senior",
    "national",
    "security",
    "adviser",
    "advisor",
    "head",
    "economy",
    "energy",
    "leaders",
    "chairman",
    "analyst",
    "trader",
}
ORGANIZATION_WORDS = {
    "agency",
    "assembly",
    "association",
    "authority",
    "bank",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "duma",
    "forum",
    "foundation",
    "fund",
    "institute",
    "institution",
    "ministry",
    "office",
    "organization",
    "organisation",
    "parliament",
    "senate",
    "service",
    "university",
    "union",
    "alliance",
    "group",
}
# Institutions and firms that carry no legal form ("Salomon Brothers", "Research Associates").
ORGANIZATION_WORDS |= {
    "center", "centre", "institute", "associates", "brothers", "bros", "holdings", "partners", "industries", "trust",
    "securities", "capital", "investments", "investors", "enterprises", "technologies", "laboratories", "labs", "airlines",
    "airways", "communications", "resources", "financial", "insurance", "bancorp", "bankshares", "exchange", "board",
    "club", "society", "league", "school", "college", "academy", "hospital", "church", "systems", "products", "services",
    "petroleum", "oil", "energy", "electric", "motors", "steel", "mining", "chemical", "chemicals", "pharmaceuticals",
    "international", "inc", "corp", "co", "cos", "ltd", "plc", "llc", "gmbh", "times", "post", "journal", "press", "news",
    "television", "broadcasting", "media", "magazine", "management", "realty", "properties", "stores", "mills", "shares",
    "works", "hotel", "hotels", "technology", "mortgage", "equity", "bancshares", "trading",
}  # fmt: skip
# Legal forms of companies worldwide (cleanco's data): "Inc", "N.V.", "AG", "S.p.A.", "Oyj".
_NOT_LEGAL_FORMS = {"eu", "ec", "un", "us", "uk", "et", "as", "private", "unlimited", "sp", "ij", "ev", "pc", "nl"}
_LEGAL_FORMS = {
    form for term in (t for terms in termdata.terms_by_type.values() for t in terms)
    if " " not in (form := term.replace(".", "").strip()) and form.isalpha() and form not in _NOT_LEGAL_FORMS
}  # fmt: skip
GROUP_WORDS = {"party", "front", "movement", "brigade", "militia", "army"}
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}  # "Four Seasons" is no one's name
NOT_NAME_WORDS = {
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "as",
    "it",
    "he",
    "she",
    "they",
    "but",
    "and",
    "for",
    "after",
    "both",
    "this",
    "that",
    "according",
    "however",
    "despite",
    "meanwhile",
    "while",
    "western",
    "editor",
    "treaty",
    "declaration",
    "summit",
    "war",
    "region",
    "day",
    "strait",
    "sea",
    "island",
    "islands",
    "province",
    "city",
    "cosmodrome",
    "zone",
    "base",
    "airport",
    "square",
    "palace",
    "hall",
    "house",
    "street",
    "north",
    "south",
    "east",
    "west",
    "central",
    "eastern",
    "northern",
    "southern",
    "three-day",
    "two-day",
    "five-day",
    "first",
    "second",
    "new",
    "when",
    "why",
    "what",
    "how",
    "his",
    "her",
    "their",
    "its",
    "we",
    "i",
    "our",
    "speaking",
    "asked",
    "if",
    "since",
    "during",
    "with",
    "from",
    "to",
    "by",
    "of",
    *NUMBER_WORDS,
}
PLACE_WORDS = {"north", "south", "east", "west", "central", "eastern", "northern", "southern", "western"}
LEADING = (
    NOT_NAME_WORDS - PLACE_WORDS - NUMBER_WORDS - {"treaty", "declaration", "summit", "war", "region"}
)  # a sentence may start with these
MONTHS_AND_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
PARTICLES = {"von", "der", "de", "van", "bin", "al", "da", "di", "le", "la", "du", "del"}


def is_organization_word(word: str) -> bool:
    """A word that makes a name an organisation's: "Bank", "Institute", a legal form ("Inc", "N.V.", "AG")."""
    low = word.casefold().strip(".,")
    if low in ORGANIZATION_WORDS:
        return True
    form = low.replace(".", "")
    # A two-letter form counts written as one ("AG", "N.V."), not as a word ("Sa").
    return form in _LEGAL_FORMS and (len(form) > 2 or word.isupper() or "." in word)


def is_title_word(word: str) -> bool:
    low = word.casefold().rstrip(".")
    return low in DESCRIPTORS or (low in CONSTANTS.titles and low not in NOT_NAME_WORDS)
