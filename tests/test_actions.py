"""Tests of pipeline.actions: action normalization and force (codebook section 2)."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.actions import FORCES, Action, force_of, head_candidates, normalize_action

OP = "operative"
PRE = "preambular"

# (text, kind, expected action, expected force)
CASES = [
    # --- the codebook's worked examples -----------------------------------------------------
    ("17. Also calls upon States parties to strengthen their mechanisms and strategies for "
     "border control", OP, "calls upon", "exhortation"),
    ("Remaining concerned about the negative impact of illicit trafficking in firearms on the "
     "lives of women, men, girls and boys,", PRE, "concerned", None),
    ("26. Requests the Secretariat to continue supporting the Working Group on Firearms",
     OP, "requests", "request"),
    # --- rule 1: numbers ----------------------------------------------------------------------
    ("(b) Urges Member States to", OP, "urges", "exhortation"),
    ("(iv) Invites the Secretariat to", OP, "invites", "encouragement"),
    ("3.\tDecides to remain seized of the matter;", OP, "decides", "binding"),
    ("12) Demands that all parties", OP, "demands", "binding"),
    # --- rule 2: modifiers, before and after the head ------------------------------------------
    ("4. Also invites States to", OP, "invites", "encouragement"),
    ("5. Further requests the Secretary-General to report", OP, "requests", "request"),
    ("6. Strongly urges all States", OP, "urges", "exhortation"),
    ("Recalling also its resolution 74/60,", PRE, "recalling", None),
    ("7. Requests further the Secretary-General to", OP, "requests", "request"),
    ("8. Once again calls upon Israel to", OP, "calls upon", "exhortation"),
    ("9. Firmly condemns all acts of terrorism", OP, "condemns", "declaratory"),
    ("10. Resolutely rejects any attempt", OP, "rejects", "declaratory"),
    ("11. Unequivocally condemns the attacks", OP, "condemns", "declaratory"),
    ("12. Finally, decides to include in the provisional agenda", OP, "decides", "binding"),
    ("13. In this regard, encourages Member States", OP, "encourages", "encouragement"),
    ("14. Encourages, in this context, Member States", OP, "encourages", "encouragement"),
    ("15. In particular, welcomes the adoption", OP, "welcomes", "declaratory"),
    ("16. Moreover stresses the need", OP, "stresses", "declaratory"),
    ("17. Furthermore recognizes that", OP, "recognizes", "declaratory"),
    ("18. Most strongly condemns the attack", OP, "condemns", "declaratory"),
    ("Recalling in particular its resolution 2117 (2013),", PRE, "recalling", None),
    ("Noting further with appreciation the work of the Working Group,", PRE, "noting", None),
    ("Taking note also of the report of the Secretary-General,", PRE, "taking note", None),
    ("Bearing also in mind that", PRE, "bearing in mind", None),
    # --- rule 3: canonical forms --------------------------------------------------------------
    ("19. Calls on all States to", OP, "calls upon", "exhortation"),
    ("20. Takes note with appreciation of the report of the Secretary-General;", OP,
     "takes note", "declaratory"),
    ("21. Takes note of the report", OP, "takes note", "declaratory"),
    ("22. Notes with concern the increase in", OP, "notes", "declaratory"),
    ("23. Notes with satisfaction the entry into force", OP, "notes", "declaratory"),
    ("24. Expresses its deep concern at the continued", OP, "expresses concern", "declaratory"),
    ("25. Expresses grave concern about", OP, "expresses concern", "declaratory"),
    ("26. Expresses concern that", OP, "expresses concern", "declaratory"),
    ("27. Expresses its appreciation to the Government of", OP, "expresses appreciation",
     "declaratory"),
    ("28. Expresses its profound gratitude to", OP, "expresses appreciation", "declaratory"),
    ("29. Expresses its thanks to the Secretary-General", OP, "expresses appreciation",
     "declaratory"),
    ("30. Expresses its full support for the", OP, "expresses support", "declaratory"),
    ("31. Expresses regret that", OP, "expresses regret", "declaratory"),
    ("32. Expresses solidarity with the people of", OP, "expresses solidarity", "declaratory"),
    ("Noting with concern that", PRE, "noting", None),
    ("Noting with appreciation the", PRE, "noting", None),
    ("Recognizing the important role", PRE, "recognizing", None),
    ("Reaffirming its commitment to", PRE, "reaffirming", None),
    ("Welcoming the adoption of", PRE, "welcoming", None),
    ("Acknowledging the efforts", PRE, "acknowledging", None),
    ("Bearing in mind that", PRE, "bearing in mind", None),
    ("Taking note of the report", PRE, "taking note", None),
    ("Taking note with appreciation of the report", PRE, "taking note", None),
    ("Mindful of the", PRE, "mindful", None),
    ("Aware of the need to", PRE, "aware", None),
    ("Convinced that", PRE, "convinced", None),
    ("Emphasizing the need", PRE, "emphasizing", None),
    ("Stressing the importance", PRE, "stressing", None),
    ("Reiterating that", PRE, "reiterating", None),
    ("Inviting States to", PRE, "inviting", None),
    ("Determined to", PRE, "determined", None),
    ("Alarmed by the", PRE, "alarmed", None),
    ("Considering that", PRE, "considering", None),
    ("Deeply concerned about", PRE, "concerned", None),
    ("Gravely concerned at the", PRE, "concerned", None),
    ("Seriously concerned about", PRE, "concerned", None),
    ("Concerned that only a limited number of States", PRE, "concerned", None),
    ("Concerned also about", PRE, "concerned", None),
    ("Expressing deep concern at", PRE, "concerned", None),
    ("Expressing concern that", PRE, "concerned", None),
    ("Reiterating its concern over the adverse effects", PRE, "concerned", None),
    ("Reiterating its grave concern", PRE, "concerned", None),
    ("Being gravely concerned at the", PRE, "concerned", None),
    ("Having considered the report of the Secretary-General,", PRE, "having considered", None),
    ("Having examined the", PRE, "having examined", None),
    ("Having received the report", PRE, "having received", None),
    ("Having also considered the", PRE, "having considered", None),
    ("Having heard the statement", PRE, "having heard", None),
    ("Expressing its appreciation to", PRE, "expressing appreciation", None),
    ("Expressing its gratitude to", PRE, "expressing appreciation", None),
    # adjectives with adverbs
    ("Deeply alarmed by the", PRE, "alarmed", None),
    ("Fully aware of", PRE, "aware", None),
    ("Firmly convinced that", PRE, "convinced", None),
    ("Ever mindful that", PRE, "mindful", None),
    ("Deeply disturbed by", PRE, "disturbed", None),
    ("Guided by the purposes and principles of the Charter,", PRE, "guided", None),
    ("Cognizant of", PRE, "cognizant", None),
    ("Conscious of", PRE, "conscious", None),
    ("Acting under Chapter VII of the Charter of the United Nations,", PRE, "acting", None),
    ("Whereas the situation", PRE, "whereas", None),
    # annexed declarations and operative paragraphs with a subject
    ("12. We commit to strengthening", OP, "commits", "declaratory"),
    ("3. We reaffirm our commitment to", OP, "reaffirms", "declaratory"),
    ("1. We, the Heads of State and Government and representatives of States, gathered at "
     "United Nations Headquarters, reaffirm our", OP, "reaffirms", "declaratory"),
    ("1. We, the States Members of the United Nations, welcome the fifteenth anniversary",
     OP, "welcomes", "declaratory"),
    ("5. We also recognize that", OP, "recognizes", "declaratory"),
    ("102. We further call upon the Forum to", OP, "calls upon", "exhortation"),
    ("32. We remain deeply concerned that", OP, "expresses concern", "declaratory"),
    ("11. Recognize that noncommunicable diseases", OP, "recognizes", "declaratory"),
    ("40. Commit to remove trade barriers", OP, "commits", "declaratory"),
    ("1. The Security Council requests the permanent members", OP, "requests", "request"),
    ("2. The Security Council directs that the Chiefs of Staff", OP, "directs", "request"),
    ("The General Assembly decides to", OP, "decides", "binding"),
    ("Therefore, the Security Council decides", OP, "decides", "binding"),
    ("The Council, acting under Chapter VII of the Charter, decides that", OP, "decides",
     "binding"),
    ("The Security Council Resolves that the situation in Spain", OP, "resolves", "declaratory"),
    ("The Conference of the Parties to the United Nations Convention against Transnational "
     "Organized Crime decides", OP, "decides", "binding"),
    # --- rule 4 ---------------------------------------------------------------------------------
    ("5. Reiterates its call upon all States", OP, "calls upon", "exhortation"),
    ("6. Reiterates its call for the immediate", OP, "calls for", "declaratory"),  # codebook v1.5
    ("6. Reiterates its calls on all parties", OP, "calls upon", "exhortation"),
    ("7. Renews its call upon", OP, "calls upon", "exhortation"),
    # --- rule 5: heads that keep their noun (codebook v1.5) ------------------------------------
    ("5. Records its gratitude to the Representative", OP, "records gratitude", "declaratory"),
    ("1. Records its formal disapproval of the actions", OP, "records disapproval", "declaratory"),
    ("3. Records the statement of the President", OP, "records", "declaratory"),
    ("5. Lends its full support to the Secretary-General", OP, "lends support", "declaratory"),
    ("58. Raises awareness of the fact that", OP, "raises awareness", "declaratory"),
    ("3. Issues a solemn warning to Israel that", OP, "issues warning", "declaratory"),
    ("24. Brings to the attention of the Board the importance", OP, "brings to the attention", "declaratory"),
    ("Having called upon the authorities in North Korea to withdraw,", PRE, "having called upon", None),
    ("Having called for an immediate cessation of hostilities,", PRE, "having called for", None),
    ("Having begun consideration of the item,", PRE, "having begun", None),
    ("1. Expresses anew its deepest concern at the heavy costs", OP, "expresses concern", "declaratory"),
    ("1. Expresses its deep distress at the downing", OP, "expresses distress", "declaratory"),
    ("3. We gather at a critical juncture marked by overlapping global challenges", OP, "gathers", "declaratory"),
    ("Motivated by a desire to reduce tensions,", PRE, "motivated", None),
    # --- a first word misread by OCR, one letter off a head of the paragraph's kind -------------
    ("4. Lakes note of the report of the Secretary-General", OP, "takes note", "declaratory"),
    ("7. Calis on the Government of South Africa", OP, "calls upon", "exhortation"),
    ("Haying also received and noted the report,", PRE, "having received", None),
    ("Nothing further with satisfaction that the parties,", PRE, "noting", None),
    # ... but not a bare verb, a participle or a word of the other kind
    ("(a) Promote the transfer of technology", OP, None, None),
    ("Proposed organization of work of the Conference", OP, None, None),
    ("8. Reiterates its request to the Secretary-General", OP, "requests", "request"),
    ("9. Reiterates its demand that", OP, "demands", "binding"),
    ("10. Reiterates its appeal to", OP, "appeals", "exhortation"),
    ("11. Renews its invitation to", OP, "invites", "encouragement"),
    ("12. Reiterates its strong support for the role of the Centre;", OP, "reiterates", "declaratory"),
    ("13. Reiterates its deep appreciation to the Government", OP, "expresses appreciation", "declaratory"),
    ("14. Underscores its very serious concern regarding reports of torture", OP, "expresses concern", "declaratory"),
    ("15. Underscores the importance of", OP, "underscores", "declaratory"),
    ("Renewing the expression of its deep appreciation to the Secretary-General", PRE, "expressing appreciation", None),
    ("Reiterating the expression of its concern at the situation", PRE, "concerned", None),
    ("Stressing again with grave concern the urgency of the issue", PRE, "stressing", None),
    ("Having taken note of the reports of the Committee", PRE, "having taken note", None),
    ("Having been apprised that the occupying Power has", PRE, "having been apprised", None),
    ("3. Directs the attention of the Governments concerned to", OP, "directs attention", "declaratory"),
    ("4. Directs the Committee to report", OP, "directs", "request"),
    ("12. Reiterates its decision to", OP, "decides", "binding"),
    ("13. Reiterates the invitation to", OP, "invites", "encouragement"),
    ("14. Reiterates its urgent call upon", OP, "calls upon", "exhortation"),
    ("15. Continues to welcome the statement", OP, "welcomes", "declaratory"),
    ("16. Continues to encourage Member States", OP, "encourages", "encouragement"),
    ("17. Reiterates that the", OP, "reiterates", "declaratory"),
    ("18. Reiterates the need for", OP, "reiterates", "declaratory"),
    # --- rule 5: the head phrase in its own form ------------------------------------------------
    ("19. Condemns in the strongest terms", OP, "condemns", "declaratory"),
    ("20. Demands that", OP, "demands", "binding"),
    ("21. Authorizes Member States", OP, "authorizes", "binding"),
    ("22. Deplores the", OP, "deplores", "declaratory"),
    ("23. Endorses the political declaration", OP, "endorses", "declaratory"),
    ("24. Proclaims 6 April International Day", OP, "proclaims", "declaratory"),
    ("Underlining the importance of", PRE, "underlining", None),
    ("Highlighting the need", PRE, "highlighting", None),
    ("25. Takes into account", OP, "takes into account", "declaratory"),
    ("Expressing appreciation for the work", PRE, "expressing appreciation", None),
    ("Taking into account", PRE, "taking into account", None),
    ("26. Adopts the model strategies", OP, "adopts", "binding"),
    ("27. Approves the convening", OP, "approves", "binding"),
    ("28. Establishes a working group", OP, "establishes", "binding"),
    ("29. Determines that the situation", OP, "determines", "binding"),
    ("30. Insists that", OP, "insists", "exhortation"),
    ("31. Appeals to all States", OP, "appeals", "exhortation"),
    ("32. Recommends that the General Assembly", OP, "recommends", "request"),
    ("33. Instructs the Committee", OP, "instructs", "request"),
    ("34. Suggests that", OP, "suggests", "encouragement"),
    ("35. Commends the Secretary-General", OP, "commends", "declaratory"),
    ("36. Supports the efforts", OP, "supports", "declaratory"),
    ("37. Looks forward to the", OP, "looks forward", "declaratory"),
    ("38. Pays tribute to the", OP, "pays tribute", "declaratory"),
    ("39. Draws the attention of Governments", OP, "draws attention", "declaratory"),
    ("40. Underscores the", OP, "underscores", "declaratory"),
    ("41. Reaffirms its support", OP, "reaffirms", "declaratory"),
    # every form of concern (codebook 2.3); "Reaffirms its decision" stays reaffirms (v1.2)
    ("Reaffirms its concern about any activities aimed at the exploitation", OP, "expresses concern", "declaratory"),
    ("Reaffirms its decision to keep the matter under review", OP, "reaffirms", "declaratory"),
    ("42. Recalls its resolution", OP, "recalls", "declaratory"),
    ("43. Calls for the immediate cessation", OP, "calls for", "declaratory"),
    ("44. Re-emphasizes that", OP, "re-emphasizes", "declaratory"),
    ("45. Extends the mandate of the Panel", OP, "extends", "declaratory"),
    ("Looking forward to the", PRE, "looking forward", None),
    ("Paying tribute to", PRE, "paying tribute", None),
    ("Calling upon all States", PRE, "calling upon", None),
    # --- spelling and case ----------------------------------------------------------------------
    ("12. Emphasises the importance of reconciliation", OP, "emphasizes", "declaratory"),
    ("Recognising the progress", PRE, "recognizing", None),
    ("Emphasising the essential role", PRE, "emphasizing", None),
    ("Cognisant of", PRE, "cognizant", None),
    ("5. Authorises the", OP, "authorizes", "binding"),
    ("5. CALLS UPON all parties", OP, "calls upon", "exhortation"),
    ("5. calls upon all parties", OP, "calls upon", "exhortation"),
    ("1. THE SECURITY COUNCIL REQUESTS the", OP, "requests", "request"),
    # other intensifiers
    ("1. Urgently calls upon States", OP, "calls upon", "exhortation"),
    ("3. Solemnly calls upon all States", OP, "calls upon", "exhortation"),
    ("1. Warmly welcomes the", OP, "welcomes", "declaratory"),
    ("64. Fully supports the work", OP, "supports", "declaratory"),
    ("1. Deeply deplores any incursions", OP, "deplores", "declaratory"),
    # --- treaty text annexed to a resolution: the modal verb phrase after the subject -------------
    ("1. Each State Party shall adopt such legislative measures", OP, "shall adopt", "declaratory"),
    ("Where a State Party, owing to the principles of its domestic legal system, cannot adopt the "
     "measures referred to in paragraph 1, it may instead adopt such measures", OP, "may adopt", "declaratory"),
    ("Each State Party shall, where appropriate, considering the gravity of the crime, establish "
     "under its domestic law a long statute of limitations", OP, "shall establish", "declaratory"),
    ("Each State Party shall, at the time of signature or when depositing its instrument of "
     "ratification, acceptance, approval or accession, communicate to the Secretary-General", OP,
     "shall communicate", "declaratory"),
    ("Each State Party, in order to provide mutual legal assistance, shall, in accordance with its domestic law:",
     OP, "shall", "declaratory"),
    ("The requesting State Party shall not transmit or use information", OP, "shall not transmit", "declaratory"),
    ("Requests shall be made in writing", OP, "shall be made", "declaratory"),
    ("Such property shall be liable to the measures referred to", OP, "shall be liable", "declaratory"),
    ("Nothing in this article shall be so construed as to accord traffic rights", OP, "shall be construed", "declaratory"),
    ("The present Agreement shall come into force when approved by the Council", OP, "shall come into force", "declaratory"),
    ("Credits to Member States shall be set off against their assessments", OP, "shall be set off", "declaratory"),
    ("The denunciation shall take effect 365 days after its receipt", OP, "shall take effect", "declaratory"),
    ("The Office shall continue to remain within its mandate", OP, "shall remain", "declaratory"),
    # the perfect and the phrasal "made out"; "be" before "whether" reads alone
    ("A holder shall, by virtue of becoming a holder, have acquired all rights", OP, "shall have acquired", "declaratory"),
    ("The State shall have ten days to respond", OP, "shall have", "declaratory"),
    ("The document may be made out to order", OP, "may be made out", "declaratory"),
    ("The criterion shall be whether information has remained complete", OP, "shall be", "declaratory"),
    # an annexed declaration's participle leads to its verb after "we"; a preamble keeps its own
    ("Building on good practices, we encourage countries to act", OP, "encourages", "encouragement"),
    ("Building on good practices, we encourage countries to act", "preambular", "building on", None),
    ("Recognizing the role of the Envoy, we:", OP, "recognizing", "declaratory"),
    ("The labelling and any warnings may be taken into account;", OP, "may be taken into account", "declaratory"),
    ("States Parties shall take into account the needs of", OP, "shall take into account", "declaratory"),
    ("This Convention shall also apply to victims", OP, "shall apply", "declaratory"),
    ("Any dispute that cannot be settled through negotiation shall be submitted to arbitration", OP,
     "shall be submitted", "declaratory"),
    # a leading adverb and clause before "we": the verb after the subject
    ("32. Therefore, to realize the Agenda by 2034, we, the international community, commit to the following actions:",
     OP, "commits", "declaratory"),
    # --- not recognized ---------------------------------------------------------------------------
    ("This Convention is subject to ratification. Instruments shall be deposited", OP, None, None),
    ("That the Commission shall proceed to the area", OP, None, None),
    # the only modal stands in a clause of the leading clause: no modal heads the paragraph
    ("If a State declares that this Convention shall extend to one unit, the other unit is not considered "
     "to be a Contracting State", OP, None, None),
    # a main clause on "should": a recommended measure, not treaty text (not "may require")
    ("The Government of India should make available such forces as the Administration may require", OP, None, None),
    ("Each State Party shall adopt such measures", PRE, None, None),
    ("(a) To strengthen", OP, None, None),
    ("(i) The establishment of national focal points;", OP, None, None),
    ("55. Promote national policies for an integrated approach", OP, None, None),
    ("1. We, the Heads of State and Government, met in Awaza", OP, None, None),
    ("1. The agenda items allocated by the General Assembly", OP, None, None),
    ("Resolution 375 (1975) of 22 September 1975", PRE, None, None),
    ("Recall its resolution", PRE, None, None),
    ("Expresses its xyzzy", OP, None, None),
    ("", OP, None, None),
]


@pytest.mark.parametrize(("text", "kind", "action", "force"), CASES,
                         ids=[f"{i}:{c[0][:40]}" for i, c in enumerate(CASES)])
def test_action_and_force(text: str, kind: str, action: str | None, force: str | None) -> None:
    result = normalize_action(text, kind)
    assert result.action == action
    assert result.recognized is (action is not None)
    assert force_of(result.action, kind) == force


def test_enough_cases() -> None:
    assert len(CASES) >= 60
    assert sum(1 for c in CASES if c[2] is None) >= 5


@pytest.mark.parametrize(("text", "head"), [
    ("(a) To strengthen", "to strengthen"),
    ("(a) To strengthen national capacities", "to strengthen"),
    ("55. Promote national policies", "promote"),
    ("1. The agenda items allocated", "the agenda"),
    ("Expresses its xyzzy at", "expresses its xyzzy"),
    ("", ""),
])
def test_unrecognized_head(text: str, head: str) -> None:
    result = normalize_action(text, OP)
    assert result == Action(None, False, head)


@pytest.mark.parametrize(("text", "kind", "head"), [
    ("17. Also calls upon States parties", OP, "also calls upon"),
    ("Remaining concerned about", PRE, "remaining concerned"),
    ("26. Requests the Secretariat", OP, "requests"),
    ("Reiterates its call upon all States", OP, "reiterates its call upon"),
    ("1. The Security Council requests the", OP, "requests"),
    ("Expressing its deep concern at", PRE, "expressing its deep concern"),
    ("Takes note with appreciation of", OP, "takes note"),
])
def test_recognized_head(text: str, kind: str, head: str) -> None:
    result = normalize_action(text, kind)
    assert result.recognized
    assert result.head == head


def test_forces_table() -> None:
    assert FORCES == {
        "decides": "binding", "demands": "binding", "authorizes": "binding",
        "adopts": "binding", "approves": "binding", "establishes": "binding",
        "determines": "binding",
        "urges": "exhortation", "calls upon": "exhortation", "insists": "exhortation",
        "appeals": "exhortation",
        "requests": "request", "recommends": "request", "directs": "request",
        "instructs": "request",
        "encourages": "encouragement", "invites": "encouragement", "suggests": "encouragement",
    }


@pytest.mark.parametrize(("action", "kind", "force"), [
    ("welcomes", OP, "declaratory"),
    ("takes note", OP, "declaratory"),
    ("expresses concern", OP, "declaratory"),
    ("calls upon", OP, "exhortation"),
    ("calls upon", PRE, None),
    ("recalling", PRE, None),
    (None, OP, None),
    (None, PRE, None),
])
def test_force_of(action: str | None, kind: str, force: str | None) -> None:
    assert force_of(action, kind) == force


def test_action_is_frozen() -> None:
    result = normalize_action("Decides", OP)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.action = "x"  # type: ignore[misc]


def test_number_only_strips_the_number() -> None:
    # a paragraph whose text contains numbers later keeps them out of the head
    assert normalize_action("5 (a) Decides to", OP).action == "decides"
    assert normalize_action("12. 2. Requests", OP).action == "requests"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plain word reads as itself, a phrasal verb with its particles
        ("12. Small island developing States seek support;", ["small", "smalls", "island", "developing", "states", "seek", "support"]),
        # a bare first word of an operative paragraph also in the third person (a list's item)
        ("Scale up support to States;", ["scale up", "scales up", "up", "support", "to", "states"]),
        ("We will make sure that firms pay;", ["we", "will make sure", "make sure", "sure", "that", "firms", "pay"]),
        ("Research should take into account gender;", ["research", "researches", "should take into account", "take into account", "into", "account", "gender"]),
        # "be" and "have" alone, and with what they govern
        ("Young people are encouraged to act;", ["young", "youngs", "people", "are", "are encouraged", "encouraged", "to", "act"]),
        ("The list has been prepared;", ["the", "list", "has been prepared", "been", "prepared"]),
        ("These are a threat;", ["these", "are", "a", "threat"]),
        # with a participle only ("is important" is `is`), past the adverbs between
        ("It is also important;", ["it", "is", "also", "important"]),
        ("Members are also requested to act;", ["members", "are", "are requested", "also", "requested", "to", "act"]),
        ("The target is met;", ["the", "target", "is", "is met", "met"]),
        # "do" with "not" reads with its verb (treaty text), "takes" with its particle
        ("This Convention does not affect them;", ["this", "convention", "does not affect", "not", "affect", "them"]),
        ("A declaration takes effect;", ["a", "declaration", "takes effect", "effect"]),
        # "be to be" with a participle; a number with a participle's ending is no participle
        ("Instruments are to be deposited;", ["instruments", "are", "are to be deposited", "to", "be", "deposited"]),
        ("Staff are ten;", ["staff", "staffs", "are", "ten"]),
    ],
)
def test_head_candidates_read_each_word_as_a_head(text: str, expected: list[str]) -> None:
    candidates = head_candidates(text, "operative")
    assert [c.action for c in candidates] == expected
    assert all("kind=operative" in c.features for c in candidates)
    assert head_candidates("", "operative") == []
