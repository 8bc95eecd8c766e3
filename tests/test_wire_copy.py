"""Agency and newspaper copy: who is quoted, and the chain of outlets that relayed it, one construction per
test, on sentences written for the test."""

from according.pipeline import extract_text


def attributions(text: str):
    return extract_text(text).attributions


def only(text: str):
    found = attributions(text)
    assert len(found) == 1, [(a.cue_lemma, a.content[0].text) for a in found]
    return found[0]


def chain(attr) -> list[tuple[str, str]]:
    return [(link.source.name, link.cue) for link in attr.chain]


def test_newspaper_quoted_someone_as_saying_makes_them_the_speaker():
    attr = only("The newspaper Ming Pao quoted Deng Xiaoping as saying that the reforms would continue.")
    assert attr.speaker.name == "Deng Xiaoping"
    assert attr.content[0].text.startswith("the reforms would continue")
    assert chain(attr) == [("Ming Pao", "quoted")]


def test_was_quoted_by_an_outlet_as_saying():
    attr = only(
        "Chief executive Geoff Dixon was quoted by The Australian newspaper as saying the carrier could "
        "no longer afford to stay at home."
    )
    assert attr.speaker.name == "Geoff Dixon"
    assert [link.cue for link in attr.chain] == ["quoted"]
    assert "Australian" in attr.chain[0].source.mention.text


def test_was_quoted_as_saying_by_an_agency_after_the_content():
    attr = only(
        "The tax will stay in place, natural resources minister Yuri Trutnev was quoted as saying by the "
        "Interfax news agency."
    )
    assert attr.speaker.name == "Yuri Trutnev"
    assert attr.content[0].text == "The tax will stay in place"
    assert attr.chain[0].cue == "quoted" and "Interfax" in attr.chain[0].source.name


def test_quotation_before_the_quoting_clause():
    attr = only(
        "“We are going to have to cut costs again,” the newspaper quoted Qantas chief executive Geoff Dixon "
        "as saying."
    )
    assert attr.kind == "direct"
    assert attr.speaker.name == "Geoff Dixon"
    assert attr.chain[0].cue == "quoted"


def test_agency_cited_someone_as_saying():
    attr = only(
        "The BBC also cited Budi Gunawan, chief of the State Intelligence Agency, as saying the suspects "
        "were linked to the network."
    )
    assert attr.speaker.name == "Budi Gunawan"
    assert chain(attr) == [("BBC", "cited")]


def test_citing_sources_makes_the_sources_the_speaker_and_the_outlet_a_link():
    attr = only("Reuters, citing anonymous sources, reported that oil exports had been disrupted.")
    assert attr.speaker.name == "anonymous sources"
    assert chain(attr) == [("Reuters", "citing")]


def test_quoting_after_a_postposed_cue():
    attr = only("The army is ready to move, the paper said, quoting intelligence sources.")
    assert attr.speaker.name == "intelligence sources"
    assert attr.content[0].text == "The army is ready to move"
    assert [link.cue for link in attr.chain] == ["quoting"]


def test_citing_a_reason_is_no_source():
    attr = only("Senators condemned the order, citing the move as a grave abuse of power.")
    assert attr.speaker.name == "Senators"
    assert attr.chain == []


def test_told_an_outlet_makes_it_addressee_and_link():
    attr = only("Mousavi told Tehran Radio that the offensive would continue.")
    assert attr.addressee.name == "Tehran Radio"
    assert chain(attr) == [("Tehran Radio", "told")]
    assert attr.medium == "interview"


def test_told_a_news_agency_named_by_its_kind():
    attr = only("Mahendra Siregar told AFP news agency that the offer was still being considered.")
    assert [link.cue for link in attr.chain] == ["told"]
    assert attr.chain[0].source.name in ("AFP", "AFP news agency")


def test_told_a_programme_of_a_broadcaster():
    attr = only("Mr Prescott told BBC One's Breakfast With Frost programme that he was pleased.")
    assert [link.cue for link in attr.chain] == ["told"]


def test_told_reporters_is_no_relay():
    attr = only("The minister told reporters that the talks had failed.")
    assert attr.addressee.name == "reporters"
    assert attr.chain == []


def test_told_a_news_conference_broadcast_by_an_outlet():
    attr = only(
        "The minister told a news conference broadcast by state television that the plan would go on."
    )
    assert [link.cue for link in attr.chain] == ["broadcast by"]
    assert attr.chain[0].source.name == "state television"


def test_speaking_on_a_channel_is_a_broadcast_link():
    attr = only("Speaking on al-Masirah TV, Houthi spokesman Yahya Sarea said the group had used ten drones.")
    assert attr.speaker.name == "Yahya Sarea"
    assert chain(attr) == [("al-Masirah TV", "speaking on")]
    assert attr.medium == "broadcast"


def test_in_an_interview_with_an_outlet():
    attr = only("The company said in an interview with Reuters that it was not involved.")
    assert [link.cue for link in attr.chain] == ["in an interview with"]
    assert attr.chain[0].source.name == "Reuters"


def test_according_to_someone_via_an_agency_is_a_chain_of_one_link_beyond():
    attr = only(
        "The pupils were going to a contest, according to the mayor of Yartsevo via news agency Interfax."
    )
    assert attr.speaker.mention.text == "the mayor of Yartsevo"
    assert chain(attr) == [("Interfax", "via")]
