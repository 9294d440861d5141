"""Canonical names of common original publishers ("Source: Elcomercio")."""

from __future__ import annotations

import re

# Keys are names squeezed to lower-case letters and digits, so "El Comercio",
# "elcomercio" and "elcomercio.pe" meet on one key.
_CANONICAL = {
    "elcomercio": "El Comercio",
    "elcomerciope": "El Comercio",
    "ap": "Associated Press",
    "associatedpress": "Associated Press",
    "apnews": "Associated Press",
    "afp": "Agence France-Presse",
    "agencefrancepresse": "Agence France-Presse",
    "reuters": "Reuters",
    "efe": "EFE",
    "agenciaefe": "EFE",
    "europapress": "Europa Press",
    "dpa": "Deutsche Presse-Agentur",
    "deutschepresseagentur": "Deutsche Presse-Agentur",
    "ansa": "ANSA",
    "bbc": "BBC",
    "bbcnews": "BBC",
    "cnn": "CNN",
    "theguardian": "The Guardian",
    "guardian": "The Guardian",
    "nytimes": "The New York Times",
    "nyt": "The New York Times",
    "thenewyorktimes": "The New York Times",
    "newyorktimes": "The New York Times",
    "washingtonpost": "The Washington Post",
    "thewashingtonpost": "The Washington Post",
    "aljazeera": "Al Jazeera",
    "bloomberg": "Bloomberg",
    "dw": "Deutsche Welle",
    "deutschewelle": "Deutsche Welle",
    "france24": "France 24",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "interfax": "Interfax",
    "ukrinform": "Ukrinform",
    "unian": "UNIAN",
    "kyivindependent": "The Kyiv Independent",
    "thekyivindependent": "The Kyiv Independent",
    "infobae": "Infobae",
    "elpais": "El País",
    "larepublica": "La República",
    "rpp": "RPP",
    "andina": "Andina",
    "clarin": "Clarín",
    "lanacion": "La Nación",
    "elmundo": "El Mundo",
    "abc": "ABC",
}
_DOMAIN_SUFFIX = re.compile(r"\.(?:com|net|org|pe|es|mx|ar|co|uk|de|fr|it)(?:\.[a-z]{2})?$", re.I)
_NON_ALNUM = re.compile(r"[\W_]+")


def canonical_publisher(name: str) -> str | None:
    """Map a publisher as written to its canonical name; unknown names are title-cased."""
    name = " ".join(name.split()).strip(" .,;:-\u2013—")
    if not name:
        return None
    bare = _DOMAIN_SUFFIX.sub("", name.removeprefix("www."))
    key = _NON_ALNUM.sub("", bare.casefold())
    if key in _CANONICAL:
        return _CANONICAL[key]
    # Title-case as written: capitalise each word, leave the rest ("McClatchy") alone.
    return " ".join(word[:1].upper() + word[1:] for word in bare.split())
