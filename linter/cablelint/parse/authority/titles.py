"""Words of positions and titles in Classified By statements, misspelt, abbreviated, run together."""

from __future__ import annotations

import functools

from ... import patterns
from ..scanner import one_slip

# Words of positions and offices, compared in capitals without punctuation ("Charg d'Affaires
# a.i." -> CHARG DAFFAIRES AI). Bureau and office acronyms are listed because a statement in
# capitals gives no other sign that ISN or EAP is not a surname; so are the posts' abbreviations of
# positions (MC, POLMC minister-counselor; EMIN economic minister; ARSO assistant regional security
# officer; DPO deputy principal officer; DATT defense attache; LEGATT, AGATT, FINATT legal,
# agricultural, financial attache; REFCOORD refugee coordinator; LEGAT the FBI's legal attache, GSO
# general services officer, IPO information programs officer, POLAD political adviser, SAC a special
# agent in charge; IMO, ISO, FMO, HRO, CLO the information management, information systems, financial
# management, human resources and community liaison officers, ARSO-I and RSO-I security officers
# for investigations, SIMO a systems information management officer; not LABATT, a surname too).
TITLE_WORDS = frozenset("""
AMBASSADOR AMB AMBASSADORDESIGNATE AMBASSADORATLARGE CHARGE CHARG CHARGÉ DAFFAIRES AFFAIRES AFFAIRS
AI DCM ADCM DEPUTY CHIEF MISSION MISSIONS POLITICAL POL POLITICALECONOMIC POLECON POLMIL
POLITICALMILITARY ECONOMIC ECONOMICS ECON ECONPOL ECONOMICPOLITICAL COUNSELOR COUNSELLOR COUNSELORS
MINISTER MINISTERCOUNSELOR OFFICER OFFICERS SECTION ACTING CONSUL GENERAL CONSULGENERAL CG PRINCIPAL
PO DIRECTOR DIR ASSISTANT SECRETARY UNDER SPECIAL ENVOY REPRESENTATIVE COORDINATOR COORDINATING
OFFICE ATTACHE DEFENSE MILITARY MANAGEMENT PUBLIC REGIONAL SENIOR ADVISOR ADVISER HEAD POLOFF
POLCOUNS ECONCOUNS ECONOFF PE RSO DAS PDAS US USG EMBASSY AMEMBASSY PERMANENT STAFF EXECUTIVE EXEC
LEGAL TEMPORARY TDY INTERIM INTERNATIONAL ORGANIZATIONS COMMERCIAL ENVIRONMENT SCIENCE HEALTH ESTH
CONSULAR LABOR NARCOTICS NARCOTIC LAW ENFORCEMENT STATE DEPARTMENT DEPT DOS BUREAU DEPUTYCHIEF CDA
PAS PAO ECONCOUN POLCOUN PRINCIPALOFFICER CONSULATE CONGEN AMCONGEN USNATO USEU USUN UNVIE USAU
MANAGER ANALYST SPECIALIST SECURITY RESIDENT COUNTRY TEAM DIVISION UNIT BRANCH DESK CHAIRMAN
PRESIDENT VICE ADMINISTRATOR AID USAID POLITICO POLICY STRATEGIC NUCLEAR ARMS CONTROL ENERGY TRADE
FINANCIAL TREASURY AGRICULTURAL AGRICULTURE COUNSEL ACTINGDCM INCOMING OUTGOING BEHALF GLOBAL
INTERNAL EXTERNAL WATCH COM ECMIN ECONMIN POLMIN MINCOUNS COUN COUNS DIRECTORATE AFFAIRE OPERATIONS
MC POLMC ECONMC EMIN ARSO DPO DATT LEGATT AGATT FINATT REFCOORD REFUGEE
ISN EAP EUR NEA SCA WHA AF INR PM DRL PRM INL IO OES EEB CT SCT ES SES NP VCI
GEN LTG MG BG COL LTC MAJ CAPT LT ADM RADM VADM CDR SGT COLONEL MAJOR CAPTAIN ADMIRAL COMMANDER
LIEUTENANT BRIGADIER USA USN USAF USMC
TEAMLEADER PRT EPRT PROVINCIAL RECONSTRUCTION COUNTERTERRORISM
LEGAT GSO IPO POLAD DEA SAC FBI DELEGATION DELEGATE
IMO ISO FMO HRO CLO ARSOI RSOI SIMO
""".split())
# (titles only in capitals: in mixed case they are given names, `Iso Tanaka`, `Imo Okafor`)
_ONLY_IN_CAPITALS = frozenset("IMO ISO FMO HRO CLO SIMO".split())
# Title words a misspelling (a letter dropped, doubled, changed, or two swapped) is read as, and
# whose first letters stand for them in words run together (`ConGen`, `EconOff`).
_MISSPELLABLE = tuple("""
AMBASSADOR COUNSELOR COUNSELLOR MINISTER OFFICER DIRECTOR AFFAIRES AFFAIRS DAFFAIRES
POLITICAL ECONOMIC ECONOMICS DEPUTY ACTING SECRETARY COORDINATOR PRINCIPAL CONSUL GENERAL ASSISTANT
ADVISOR ADVISER REPRESENTATIVE ATTACHE CHARGE MISSION SECTION EMBASSY CONSULATE DEPARTMENT REGIONAL
MANAGEMENT COMMERCIAL CONSULAR SPECIAL GLOBAL INTERIM""".split())
# Words of positions only beside another (`Team Leader`, `Chief of Station`, `Station Chief`): alone
# they are surnames as often (`Poloff Damian Leader`)
BESIDE_TITLES = frozenset({"LEADER", "STATION"})
_SUFFIXES = frozenset("JR SR II III IV".split())  # name suffixes, which are no acronyms
_NOT_LETTER = patterns.compile(r"[^A-ZÉ]")
_CHUNK = patterns.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z]+|[a-z]+")
_OFFICE_SYMBOL = patterns.compile(r"[A-Za-z/&.-]+")


def title_word(word: str) -> bool:
    """A word of the title vocabulary as it is spelled there."""
    return _in_vocabulary(word, _NOT_LETTER.sub("", word.upper()))


def _in_vocabulary(word: str, plain: str) -> bool:
    return plain in TITLE_WORDS and (plain not in _ONLY_IN_CAPITALS or word.isupper())


@functools.lru_cache(maxsize=8192)  # the same position words recur across cables
def is_title(word: str, mixed_case: bool = True) -> bool:
    """A word of a position: a known title word or a slip of one (`Couselor`), an office symbol
    (EUR/PRA, P/E), words of titles run together (`PolCounselor`, `ESTOff`), or, in text that is
    not all capitals, an acronym (DCM, ECONMINCOUNS)."""
    plain = _NOT_LETTER.sub("", word.upper())
    if not plain:
        return False
    if _in_vocabulary(word, plain) or (plain.endswith(("COUNS", "COUNSELOR")) and len(plain) > 5):
        return True  # also POLCOUNSELOR, ECONMINCOUNS
    if "/" in word.strip("/") and _OFFICE_SYMBOL.fullmatch(word):
        return True
    if "-" in word.strip("-"):
        parts = [p for p in word.split("-") if p]
        return all(is_title(p, mixed_case) for p in parts)
    if plain.endswith("OFF") and len(plain) > 5 and plain not in ("GEOFF", "PUTOFF"):
        return True  # POLECONOFF
    if len(plain) >= 6 and (_misspelt_title(plain) or _run_together(plain)):
        return True
    if not mixed_case or len(plain) < 2:
        return False
    if word.isupper():
        # an acronym (PAS, OMS), not a suffix (III)
        return _NOT_LETTER.sub("", word) == word.strip(".") and plain not in _SUFFIXES
    chunks = _CHUNK.findall(word)
    return len(chunks) > 1 and all(_title_chunk(c) for c in chunks)


def _run_together(plain: str) -> bool:
    """A title's short form run into a title word in one word: `Polchief`, `Econcounselor`."""
    return any(plain[i:] in TITLE_WORDS and _title_start(plain[:i]) for i in range(3, len(plain) - 3))


def _title_start(start: str) -> bool:
    """A title word or the start of one (`POL`, `ECON`, `CON`, `AMB`)."""
    return start in TITLE_WORDS or any(title.startswith(start) for title in _MISSPELLABLE)


def _title_chunk(chunk: str) -> bool:
    """A part of words run together (`PolCounselor`): a title word, an acronym, or the start of a
    title word (`Con`, `Gen`, `Off`)."""
    upper = chunk.upper()
    if chunk.isupper() and len(chunk) >= 2:
        return True
    return upper in TITLE_WORDS or (len(upper) >= 3 and _title_start(upper))


@functools.lru_cache(maxsize=4096)
def _misspelt_title(plain: str) -> bool:
    """A letter dropped, doubled, changed, or two swapped in a long title word (ACTIING, COUSELOR)."""
    return any(title[0] == plain[0] and one_slip(plain, title) for title in _MISSPELLABLE)
