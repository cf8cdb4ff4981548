"""What ATOP 5.1's values mean, in the words of its codebook (Brett Ashley Leeds, "Alliance
Treaty Obligations and Provisions (ATOP) Codebook", version 5.1, 9 August 2022), for the
variables the import reads and the record pages show. Each meaning is quoted from the
codebook as written (only line breaks differ; tests/test_atop_answers.py checks each
against the codebook where a copy is at hand), its section named.

Answers quote these, never ATOP's raw lines: an ATOP-only commitment's coding notes cite
the meaning of the variable behind it (DEFENSE, DEFCOLOC...), and link to the alliance's
record as ATOP gives it (the ATOP record page).
"""

from typing import NamedTuple

CODEBOOK_TITLE = "Alliance Treaty Obligations and Provisions (ATOP) Codebook, version 5.1"
CODEBOOK_AUTHOR = "Brett Ashley Leeds (ATOP project)"
CODEBOOK_DATE = "9 August 2022"


class Meaning(NamedTuple):
    variables: tuple  # the file columns (lower case) it describes
    name: str  # as the codebook names it
    section: str
    text: str

    @property
    def location(self):
        return f"ATOP 5.1 codebook, {self.section}: {self.name}"


# Member-level definitions (the member file; alliance-level variables read there too).
MEMBER_LEVEL = [
    Meaning(('member',), 'MEMBER', '2.32 Members, Formation, and Duration',
            'Correlates of War Country Code identifying a state signatory to the alliance.'),
    Meaning(('yrent', 'moent', 'dayent'), 'YRENT, MOENT, DAYENT', '2.32 Members, Formation, and Duration',
            'The four digit year, one or two digit month, and one or two digit day that the state signs the '
            'alliance agreement. This is always recorded as the signature rather than the ratification date, '
            'and thus may not match the legal date that the agreement enters into force.'),
    Meaning(('yrexit', 'moexit', 'dayexit'), 'YREXIT, MOEXIT, DAYEXIT', '2.32 Members, Formation, and Duration',
            'The four digit year, one or two digit month, and one or two digit day that the alliance '
            'agreement ends for the state. If the exact day of exit cannot be identified, but the alliance '
            'has ended for the state, DAYEXIT is coded missing. If the alliance is still in effect as of '
            'December 31, 2018, there is no date of exit, and these three variables are coded 0 (see INEFFECT'
            ' below).'),
    Meaning(('estmode',), 'ESTMODE', '2.32 Members, Formation, and Duration',
            'Dummy variable coded 1 if the written document establishing the alliance is a formal treaty '
            'requiring domestic ratification and 0 if the written document does not require ratification.'),
    Meaning(('speclgth',), 'SPECLGTH', '2.32 Members, Formation, and Duration',
            'This variable indicates the term provided for in the alliance agreement. If no duration is '
            'specified, the variable is coded 0. If the agreement is in effect for a specific time period '
            '(e.g., 10 years), the variable is coded 1. If the agreement states that it will be in effect '
            'until some condition occurs (e.g., the end of the current conflict), the variable is coded 2. If'
            ' the agreement explicitly states that the commitments are of indefinite duration, the variable '
            'is coded 3 (this includes agreements that are in effect until a member submits a notice of '
            'withdrawal). This variable is coded missing if we have not located the original agreement and do'
            ' not know whether the agreement duration is specified.'),
    Meaning(('length',), 'LENGTH', '2.32 Members, Formation, and Duration',
            'If the agreement specifies a particular duration (SPECLGTH=1), this variable indicates the '
            'number of months in the initial term of the agreement. If a particular duration is not '
            'indicated, this variable is coded 0. This variable is coded missing if we have not located the '
            'original agreement and do not know whether the agreement duration is specified.'),
    Meaning(('proren',), 'PROREN', '2.32 Members, Formation, and Duration',
            'This variable indicates the provisions in the initial agreement regarding its renewal. If '
            'renewal is not mentioned, the variable is coded 0. If parties must actively renew the agreement '
            'at the end of its term, the variable is coded 1. If the agreement indicates that the alliance '
            'will be automatically renewed unless notice of nonrenewal is provided, the variable is coded 2. '
            'This variable is coded missing if we have not located the original agreement and do not know '
            'whether renewal provisions are included.'),
    Meaning(('renewlgt',), 'RENEWLGT', '2.32 Members, Formation, and Duration',
            'If provisions for renewal exist in the agreement, this variable indicates the number of months '
            'of each renewal term, if specified. If the agreement does not provide for renewal or if the '
            'renewal term is unspecified, the variable is coded 0. This variable is coded missing if we have '
            'not located the original agreement and do not know whether renewal provisions are included.'),
    Meaning(('defense',), 'DEFENSE', '2.33 Obligations',
            'Dummy variable coded 1 if the alliance member promises to provide active military support in the'
            ' event of attack on the sovereignty or territorial integrity of one or more alliance partners. A'
            ' promise to treat such an attack on one alliance member as an attack on all alliance members '
            'qualifies as a promise of defensive support.'),
    Meaning(('offense',), 'OFFENSE', '2.33 Obligations',
            'Dummy variable coded 1 if the alliance member promises to provide active military support under '
            'any conditions not precipitated by attack on the sovereignty or territorial integrity of an '
            'alliance partner, regardless of whether the goals of the action are to maintain the status quo.'),
    Meaning(('neutral',), 'NEUTRAL', '2.33 Obligations',
            'Dummy variable coded 1 if the alliance member promises not to join a conflict between one or '
            'more alliance partners and a third party on the side of the ally’s adversary. This promise '
            'implies both that the state will not participate actively in the conflict on the side of the '
            'adversary and will not facilitate the effort of the partner’s adversary in any way. A general '
            'promise not to “take part in any coalition directed against the other party” is not specific '
            'enough to qualify as a neutrality promise. Either the agreement must specify that the state will'
            ' remain neutral or that it will not aid the third state in any way.'),
    Meaning(('nonagg',), 'NONAGG', '2.33 Obligations',
            'Dummy variable coded 1 if the alliance member promises not to use force against one or more '
            'alliance partners to settle disputes. The member must promise specifically to refrain from the '
            'use of force in relations with the alliance partner, to refrain from participating in any action'
            ' against the alliance partner and/or to settle all disputes peacefully in relations with the '
            'alliance partner.'),
    Meaning(('consul',), 'CONSUL', '2.33 Obligations',
            'Dummy variable coded 1 if the alliance member promises to consult with one or more alliance '
            'partners in the event of crises with the potential to become militarized conflicts. The '
            'consultation obligation must be (1) specific to militarized crises, and (2) imply a goal of '
            'policy coordination. A general promise to consult on issues affecting the interests of the '
            'signatories or to consult on important international problems is not enough to qualify as a '
            'consultation pact for our purposes, unless the agreement further specifies that the signatories '
            'will consult upon issues of security with the goal of policy coordination.'),
    Meaning(('conditio',), 'CONDITIO', '2.33 Obligations',
            'Dummy variable coded 1 if any of the primary obligations undertaken by this alliance member '
            '(DEFENSE, OFFENSE, NEUTRAL, NONAGG, CONSUL) are conditional upon particular circumstances. (If '
            'any of the 27 dummy variables listed below are 1 (including OLIMOB), CONDITIO will be 1; this is'
            ' a summary dummy variable.)'),
    Meaning(('defcon',), 'DEFCON', '2.33 Obligations',
            'Dummy variable coded 1 if DEFENSE obligation undertaken by this alliance member is conditional '
            'on any of the circumstances described below; this summarizes DEFCOADV, DEFCOLOC, DEFCOCON, '
            'DEFCONUM, DEFCODEM, DEFCONPR.'),
    Meaning(('offcon',), 'OFFCON', '2.33 Obligations',
            'Dummy variable coded 1 if OFFENSE obligation undertaken by this alliance member is conditional '
            'on any of the circumstances described below; this summarizes OFFCOADV, OFFCOLOC, OFFCOCON, '
            'OFFCONUM, OFFCODEM.'),
    Meaning(('neucon',), 'NEUCON', '2.33 Obligations',
            'Dummy variable coded 1 if NEUTRAL obligation undertaken by this alliance member is conditional '
            'on any of the circumstances described below; this summarizes NEUCOADV, NEUCOLOC, NEUCOCON, '
            'NEUCONUM, NEUCODEM, NEUCONPR, NEUCOATT.'),
    Meaning(('concon',), 'CONCON', '2.33 Obligations',
            'Dummy variable coded 1 if CONSUL obligation undertaken by this alliance member is conditional on'
            ' any of the circumstances described below; this summarizes CONCOADV, CONCOLOC, CONCOCON, '
            'CONCOREQ.'),
    Meaning(('defcoadv',), 'DEFCOADV', '2.33 Obligations',
            'Dummy variable coded 1 if the defense obligation is conditional upon a particular adversary or '
            'type of adversary (e.g., Germany, a European power, a state not yet involved in the war).'),
    Meaning(('defcoloc',), 'DEFCOLOC', '2.33 Obligations',
            'Dummy variable coded 1 if the defense obligation undertaken by this alliance member is '
            'conditional upon conflict in a particular location (e.g., home territory only; attack on the '
            'Eastern front).'),
    Meaning(('defcocon',), 'DEFCOCON', '2.33 Obligations',
            'Dummy variable coded 1 if the defense obligation undertaken by this alliance member is '
            'conditional upon a particular ongoing conflict.'),
    Meaning(('defconum',), 'DEFCONUM', '2.33 Obligations',
            'Dummy variable coded 1 if the defense obligation undertaken by this alliance member is '
            'conditional upon the number of adversaries (e.g., only in case of bilateral war; only in case of'
            ' conflict with more than one state).'),
    Meaning(('defcodem',), 'DEFCODEM', '2.33 Obligations',
            'Dummy variable coded 1 if the defense obligation undertaken by this alliance member is '
            'conditional upon the ally or the adversary meeting certain demands detailed in the agreement.'),
    Meaning(('defconpr',), 'DEFCONPR', '2.33 Obligations',
            'Dummy variable coded 1 if the defense obligation undertaken by this alliance member is '
            'conditional upon the ally not provoking the adversary.'),
    Meaning(('offcoadv',), 'OFFCOADV', '2.33 Obligations',
            'Dummy variable coded 1 if the offense obligation undertaken by this alliance member is '
            'conditional upon a particular adversary or type of adversary (e.g., Turkey, communist states).'),
    Meaning(('offcoloc',), 'OFFCOLOC', '2.33 Obligations',
            'Dummy variable coded 1 if the offense obligation undertaken by this alliance member is '
            'conditional upon conflict in a particular location (e.g., the Balkans).'),
    Meaning(('offcocon',), 'OFFCOCON', '2.33 Obligations',
            'Dummy variable coded 1 if the offense obligation undertaken by this alliance member is '
            'conditional upon a particular ongoing conflict.'),
    Meaning(('offconum',), 'OFFCONUM', '2.33 Obligations',
            'Dummy variable coded 1 if the offense obligation undertaken by this alliance member is '
            'conditional upon the number of adversaries (e.g., only in case of bilateral war; only in case of'
            ' conflict with more than one state).'),
    Meaning(('offcodem',), 'OFFCODEM', '2.33 Obligations',
            'Dummy variable coded 1 if the offense obligation undertaken by this alliance member is '
            'conditional upon the ally or the adversary meeting certain demands detailed in the agreement.'),
    Meaning(('neucoadv',), 'NEUCOADV', '2.33 Obligations',
            'Dummy variable coded 1 if the neutrality obligation undertaken by this alliance member is '
            'conditional upon a particular adversary or type of adversary.'),
    Meaning(('neucoloc',), 'NEUCOLOC', '2.33 Obligations',
            'Dummy variable coded 1 if the neutrality obligation undertaken by this alliance member is '
            'conditional upon conflict in a particular location.'),
    Meaning(('neucocon',), 'NEUCOCON', '2.33 Obligations',
            'Dummy variable coded 1 if the neutrality obligation undertaken by this alliance member is '
            'conditional upon a particular ongoing conflict.'),
    Meaning(('neuconum',), 'NEUCONUM', '2.33 Obligations',
            'Dummy variable coded 1 if the neutrality obligation undertaken by this alliance member is '
            'conditional upon the number of adversaries (e.g., only in case of bilateral war; only in case of'
            ' conflict with more than one state).'),
    Meaning(('neucodem',), 'NEUCODEM', '2.33 Obligations',
            'Dummy variable coded 1 if the neutrality obligation undertaken by this alliance member is '
            'conditional upon the ally or the adversary meeting certain demands detailed in the agreement.'),
    Meaning(('neuconpr',), 'NEUCONPR', '2.33 Obligations',
            'Dummy variable coded 1 if the neutrality obligation undertaken by this alliance member is '
            'conditional upon the ally not provoking the adversary.'),
    Meaning(('neucoatt',), 'NEUCOATT', '2.33 Obligations',
            'Dummy variable coded 1 if the neutrality obligation undertaken by this alliance member is '
            'conditional upon the ally being attacked.'),
    Meaning(('concoadv',), 'CONCOADV', '2.33 Obligations',
            'Dummy variable coded 1 if the consultation obligation undertaken by this alliance member is '
            'conditional upon a particular adversary or type of adversary.'),
    Meaning(('concoloc',), 'CONCOLOC', '2.33 Obligations',
            'Dummy variable coded 1 if the consultation obligation undertaken by this alliance member is '
            'conditional upon crisis in a particular location. If the consultation obligation comes into '
            'effect only if one of the parties is attacked in its territory, this variable is coded 1, since '
            'consultation is conditional upon crisis in a particular territory.'),
    Meaning(('concocon',), 'CONCOCON', '2.33 Obligations',
            'Dummy variable coded 1 if the consultation obligation undertaken by this alliance member is '
            'conditional upon a particular ongoing conflict.'),
    Meaning(('concoreq',), 'CONCOREQ', '2.33 Obligations',
            'Dummy variable coded 1 if the consultation obligation undertaken by this alliance member is '
            'conditional upon an ally requesting consultation. (In other words, upon an ally’s request, the '
            'members must consult regarding the crisis.)'),
]
# The alliance-phase file's obligation dummies, whose definitions (section 2.43) are the
# member-level ones (2.33) with "any alliance member" for "the alliance member".
PHASE_OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
PHASE_LEVEL = [
    *(Meaning(m.variables, m.name, "2.43 Obligations",
              m.text.replace("coded 1 if the alliance member", "coded 1 if any alliance member", 1))
      for m in MEMBER_LEVEL if m.variables[0] in PHASE_OBLIGATIONS),
    Meaning(('active',), 'ACTIVE', '2.43 Obligations',
            'Dummy variable coded 1 if the alliance includes any promise of active military support (e.g., '
            'defense or offense) by any alliance member. We refer to these pacts as pacts of active '
            'assistance, which we view as comparable to the COW Type I designation.'),
]

MEMBER_MEANINGS = {variable: meaning for meaning in MEMBER_LEVEL for variable in meaning.variables}
PHASE_MEANINGS = {**MEMBER_MEANINGS, **{variable: m for m in PHASE_LEVEL for variable in m.variables}}


def meaning_of(variable, phase_level=False):
    """The codebook's meaning of a file column, or None where none is kept here."""
    return (PHASE_MEANINGS if phase_level else MEMBER_MEANINGS).get(variable)


def described(codes, phase_level=False):
    """A record's values as ATOP gives them, each with its meaning where kept:
    [(column, value, Meaning or None)] in the file's order."""
    return [(column, value, meaning_of(column, phase_level)) for column, value in codes.items()]
