"""Agency and newspaper copy: who is quoted, and the chain of outlets that relayed it, one construction per
test, on sentences written for the test."""

import pytest

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


def test_the_newspaper_is_the_outlet_the_article_named():
    found = attributions(
        "The IMF is to cut its forecast, the Financial Times Deutschland reported.\n\n"
        "The IMF will also lower its estimate for the eurozone, the newspaper said."
    )
    assert [a.speaker.name for a in found] == ["Financial Times Deutschland"] * 2
    assert found[1].speaker.mention.text == "the newspaper"


def test_the_paper_is_the_latest_paper_named():
    found = attributions(
        "The deal was delayed, according to the Financial Times.\n\n"
        "The Observer reported that jobs were under threat.\n\n"
        "The paper said that Chinese officials believe cutbacks will be required."
    )
    assert found[-1].speaker.name == "Chinese officials"
    assert [link.source.name.removeprefix("The ") for link in found[-1].chain] == ["Observer"]


def test_told_the_newspaper_names_the_newspaper_in_the_chain():
    found = attributions(
        "Growth will slow, the Financial Times Deutschland reported.\n\n"
        "“The recovery is weak,” James Carrick, an economist, told the newspaper."
    )
    assert [link.source.name for link in found[-1].chain] == ["Financial Times Deutschland"]


def test_outlet_name_loses_the_words_that_say_what_it_is():
    attr = only("Mr Dixon told The Australian newspaper that the airline would move jobs abroad.")
    assert attr.chain[0].source.name == "The Australian"


def test_relay_carries_over_to_the_same_speakers_later_words_marked_inferred():
    found = attributions(
        "Tehran Radio quoted Prime Minister Mir Hossein Mousavi as saying the war would go on.\n\n"
        "Mousavi said the army was ready. He added that talks were not possible."
    )
    assert [a.speaker.name for a in found] == [found[0].speaker.name] * 3
    assert found[0].speaker.name.endswith("Mousavi")
    assert [[(link.source.name, link.inferred) for link in a.chain] for a in found] == [
        [("Tehran Radio", False)],
        [("Tehran Radio", True)],
        [("Tehran Radio", True)],
    ]


def test_carried_relay_stops_at_another_relay():
    found = attributions(
        "Mahendra Siregar told AFP news agency that the offer was being considered.\n\n"
        "Alwi Shihab told AP news agency that the aid would be counted.\n\n"
        "Mr Siregar said that talks would go on."
    )
    assert found[-1].speaker.name == "Mahendra Siregar"
    assert found[-1].chain == []


def test_according_to_does_not_carry_over():
    found = attributions(
        "“The bonds remain solid,” Putin said, according to state news agency KCNA.\n\n"
        "Putin added that the two countries would act jointly."
    )
    assert found[-1].chain == []


def test_title_with_name_in_apposition_gives_the_person():
    attr = only("Iran's navy commander, Commodore Mohammed Hoseyn Malekzadegan, said the ships would stay.")
    assert attr.speaker.name == "Mohammed Hoseyn Malekzadegan"
    assert "navy commander" in attr.speaker.mention.text


def test_possessor_in_a_title_is_not_the_speaker():
    attr = only("One of Mr Bakrie's deputies, Mahendra Siregar, said that talks would go on.")
    assert attr.speaker.name == "Mahendra Siregar"


def test_statement_by_someone_is_theirs():
    attr = only("The president accepted the apology, according to a statement by spokesman Harry Roque.")
    assert attr.speaker.name.endswith("Harry Roque")


def test_the_councils_ruling_is_the_councils():
    found = attributions(
        "The Ugandan Media Council said the play would not be staged.\n\n"
        "“The play promotes illegal acts and is hereby banned,” the council's ruling said."
    )
    assert found[-1].speaker.name == "Ugandan Media Council"


def test_the_company_is_the_company_that_spoke_before():
    found = attributions(
        "Oracle said it would cut 5,000 jobs.\n\nThe company said it would keep most engineers."
    )
    assert [a.speaker.name for a in found] == ["Oracle", "Oracle"]


def test_according_to_keeps_the_main_clauses_subject_out_of_the_source():
    attr = only("According to the Observer, 3,000 jobs - out of a workforce of 6,500 - could be lost.")
    assert attr.speaker.name.removeprefix("The ") == "Observer"
    assert attr.content[0].text.startswith("3,000 jobs")


def test_reportedly_said_keeps_its_speaker():
    attr = only(
        "Indonesia no longer needs the debt freeze, Economics Minister Aburizal Bakrie has reportedly said."
    )
    assert attr.speaker.name == "Aburizal Bakrie"
    assert attr.kind == "indirect"


def test_pronoun_in_a_when_clause_is_the_main_clauses_subject():
    found = attributions(
        "Crown Prince Abdullah told ministers to hire women.\n\n"
        "The local Arab News said Labour Minister Ghazi al-Gosaibi had caused uproar when he said his "
        "ministry could not hire women."
    )
    inner = next(a for a in found if a.content[0].text.startswith("his ministry"))
    assert inner.speaker.name == "Ghazi al-Gosaibi"
    assert [link.source.name for link in inner.chain] == ["Arab News"]


def test_surname_with_an_honorific_is_the_person_named_in_full():
    found = attributions(
        "Mahendra Siregar told AFP news agency that the offer was being considered.\n\n"
        "“We are still discussing it,” said Mr Siregar."
    )
    assert [a.speaker.name for a in found] == ["Mahendra Siregar"] * 2
    assert [(link.source.name, link.inferred) for link in found[1].chain] == [("AFP", True)]


def test_reports_from_a_country_are_no_document_with_an_issuer():
    attr = only("Progress has been slow, reports from the country say.")
    assert attr.speaker.name == "reports from the country"


def test_monitoring_service_is_a_further_link_after_the_outlet_it_monitored():
    attr = only(
        "Tehran Radio, monitored by the British Broadcasting Corporation, quoted Prime Minister Mir Hossein "
        "Mousavi as saying the war would continue."
    )
    assert [link.cue for link in attr.chain] == ["quoted", "monitored by"]
    assert attr.chain[0].source.name == "Tehran Radio"
    assert attr.chain[1].source.name in ("BBC", "British Broadcasting Corporation")


def test_remarks_carried_by_an_agency():
    attr = only("The minister said in remarks carried by the official KCNA news agency that the test worked.")
    assert [(link.source.name, link.cue) for link in attr.chain] == [("KCNA", "carried")]
    assert attr.chain[0].state_media


def test_speech_broadcast_by_state_television():
    attr = only("Kim said in a speech broadcast by state television that the army was ready.")
    assert chain(attr) == [("state television", "broadcast by")]
    assert attr.medium == "speech"


def test_interview_published_by_an_outlet():
    attr = only("The general said in an interview published by Der Spiegel that the troops would stay.")
    assert [link.cue for link in attr.chain] == ["published by"]
    assert "Spiegel" in attr.chain[0].source.name


def test_agency_said_in_a_report_is_the_agencys_report():
    attr = only("The Iranian news agency IRNA said in a report that the tanker had been seized.")
    assert attr.speaker.name == "IRNA"
    assert attr.medium == "report"
    assert attr.kind == "indirect"


def test_hard_line_break_inside_a_title_never_cuts_the_word():
    attr = only("The navy spokes-\nman said the patrols would go on.")
    assert attr.speaker.name == "navy spokesman"


def test_hard_line_break_inside_a_hyphenated_name_keeps_the_hyphen():
    found = attributions("Economist Anna Mir-\nMohammadi said the rise was late.")
    assert found[0].speaker.name.endswith("Mir-Mohammadi")


def test_reported_speech_inside_a_quotation_is_its_own_attribution_linked_to_the_quoter():
    found = attributions(
        "“During the debate Trump said Hispanics live in hell. I could not believe it,” ― Pamela Padilla"
    )
    outer = next(a for a in found if a.speaker.name == "Pamela Padilla")
    inner = next(a for a in found if a.speaker.name.endswith("Trump"))
    assert "Hispanics live in hell" in outer.content[0].text
    assert inner.content[0].text == "Hispanics live in hell"
    assert chain(inner) == [("Pamela Padilla", "quoted")]


def test_chain_runs_from_the_speaker_out_to_the_last_outlet():
    attr = only("The pupils were going to a contest, according to the mayor via news agency Interfax.")
    assert attr.speaker.mention.text == "the mayor"
    found = attributions(
        "“The bonds remain solid,” Putin said in a letter revealed by state media, according to Yonhap."
    )
    assert [link.cue for link in found[0].chain] == ["revealed by", "according to"]


def test_said_to_an_outlet_is_a_link():
    attr = only("The company said to the BBC that it was not involved.")
    assert chain(attr) == [("BBC", "said")]
    assert attr.addressee.name == "BBC"


def test_outlet_named_in_short_is_the_one_named_in_full():
    found = attributions(
        "Growth will slow, the Financial Times Deutschland reported.\n\n"
        "The outlook would darken, the FT report said.\n\n"
        "“The recovery is weak,” James Carrick, an economist, told the newspaper."
    )
    assert found[1].speaker.name == "Financial Times Deutschland"
    assert [link.source.name for link in found[-1].chain] == ["Financial Times Deutschland"]


def test_a_title_alone_is_the_person_introduced_with_it():
    found = attributions(
        "Indonesia no longer needs the debt freeze, Economics Minister Aburizal Bakrie has said.\n\n"
        "The Indonesian Economics Minister explained that the money was for Aceh."
    )
    assert [a.speaker.name for a in found] == ["Aburizal Bakrie"] * 2


def test_nested_speech_is_left_out_of_polnear_scoring_but_kept_in_the_record():
    from according.eval.polnear import quoted_inside

    found = attributions(
        "“During the debate Trump said Hispanics live in hell. I was shocked,” ― Pamela Padilla"
    )
    assert len(found) == 2
    assert [quoted_inside(a, found) for a in found] == [False, True]


def test_quoted_by_an_outlet_as_an_aside_on_the_speaker():
    attr = only("Mousavi, quoted by Tehran Radio, said the offensive would continue.")
    assert attr.speaker.mention.text == "Mousavi"
    assert chain(attr) == [("Tehran Radio", "quoted by")]


def test_the_radio_is_the_radio_named_not_the_monitoring_service():
    found = attributions(
        "Tehran Radio, monitored by the BBC, quoted Mir Hossein Mousavi as saying the war would go on.\n\n"
        "The radio said Mousavi told a rally that Iraq had used chemical weapons."
    )
    assert [link.source.name for link in found[-1].chain] == ["Tehran Radio"]


def test_a_further_report_by_the_same_outlet_does_not_stop_the_carried_relay():
    found = attributions(
        "Tehran Radio quoted Mir Hossein Mousavi as saying the war would go on.\n\n"
        "The radio said Mousavi told a rally that Iraq had used chemical weapons. Mousavi also said the "
        "government would not negotiate."
    )
    assert [(link.source.name, link.inferred) for link in found[-1].chain] == [("Tehran Radio", True)]


def test_quoted_as_telling_reporters_keeps_the_addressee_out_of_the_content():
    attr = only(
        "Izvestia quoted Foreign Minister Eduard Shevardnadze as telling reporters that talks were useful."
    )
    assert attr.speaker.name.endswith("Shevardnadze")
    assert attr.content[0].text == "talks were useful"


def test_citing_a_statement_between_cue_and_clause_gives_the_statements_issuer():
    attr = only("The agency said, citing a Foreign Ministry statement, that the border was closed.")
    assert attr.speaker.name == "Foreign Ministry"
    assert attr.content[0].text.endswith("the border was closed")
    assert [link.cue for link in attr.chain] == ["citing"]


def test_a_news_agency_is_not_resolved_to_a_newspaper():
    found = attributions(
        "Pravda, the Communist Party newspaper, said the harvest was poor.\n\n"
        "The official news agency said the minister had resigned."
    )
    assert found[-1].speaker.name == "official news agency"


def test_quoted_as_telling_an_outlet_makes_the_outlet_the_link():
    attr = only("The minister was quoted as telling the Washington Post that the plan would fail.")
    assert [link.cue for link in attr.chain] == ["telling"]
    assert attr.chain[0].source.name.endswith("Washington Post")


def test_a_news_service_is_an_outlet():
    attr = only("A spokesman was quoted by the Kyodo news service as saying the talks had ended.")
    assert chain(attr) == [("Kyodo", "quoted")]


def test_the_articles_own_outlet_is_never_a_link():
    text = 'Boccaletti told Wikinews the team is ready. "We trained hard," Boccaletti said.'
    relayed = extract_text(text).attributions  # outlet unknown: Wikinews may be anyone's source
    assert chain(relayed[0]) == [("Wikinews", "told")] and relayed[1].chain[0].inferred
    own = extract_text(text, outlet="Wikinews").attributions
    assert [a.chain for a in own] == [[], []] and own[0].addressee.name == "Wikinews"


def test_a_carried_relay_stops_where_the_speaker_tells_someone_else():
    found = attributions(
        'Tehran Radio quoted Mousavi as saying the talks had failed. "We will not return," Mousavi '
        "told the conference delegates."
    )
    assert chain(found[0]) == [("Tehran Radio", "quoted")]
    assert found[1].addressee is not None and found[1].chain == []


def test_an_outlet_reporting_and_saying_is_the_speaker_and_no_link_of_its_own():
    attr = only(
        "The Las Vegas Review-Journal reported the possibility of the caucuses being Nevada's last, saying "
        "the state could switch to holding a primary election instead."
    )
    assert attr.speaker.name == "Las Vegas Review-Journal" and attr.chain == []


def test_in_an_interview_with_a_named_organisation_it_is_the_link():
    attr = only("In an interview with Rolling Stone, McCready said the band would tour again next year.")
    assert chain(attr) == [("Rolling Stone", "in an interview with")] and attr.medium == "interview"
    plain = only("In an interview with the committee, the minister said the budget was balanced.")
    assert plain.chain == []


def test_an_outlets_name_ends_at_the_comma_of_its_apposition():
    attr = only("Speaking to Reuters, a news agency, the minister said the budget was balanced.")
    assert chain(attr) == [("Reuters", "speaking to")]


def test_a_report_over_a_clause_with_no_speaker_of_its_own_is_the_reporters():
    found = attributions("Park Won-soon was found dead, police reported Friday.")
    reported = [a for a in found if a.cue_lemma == "report"]
    assert [a.speaker.name for a in reported] == ["police"] and reported[0].chain == []
    assert all(not a.chain for a in found)


def test_according_to_a_statement_is_the_medium_and_its_issuer_the_speaker():
    issued = only("According to a statement from the ministry, the border will reopen on Monday.")
    assert issued.speaker.name == "ministry" and issued.medium == "statement"
    bare = only("According to a statement, the border will reopen on Monday.")
    assert bare.speaker is None and bare.medium == "statement" and bare.kind == "unattributed"
    papers = only("Qantas could move 7,000 jobs abroad, according to newspaper reports.")
    assert papers.speaker.name == "newspaper reports" and papers.medium == "report"


def test_i_quote_inside_reported_speech_is_no_relay():
    found = attributions("My mother said she is always trying to, I quote, boss people around.")
    assert found and all(a.chain == [] for a in found)


def test_an_outlets_edition_named_after_a_place_is_the_outlet_not_the_place():
    attr = only("The senator resigned on Monday, according to CNN Philippines.")
    assert attr.speaker.name == "CNN Philippines" and attr.speaker.entity_id is None


@pytest.mark.parametrize(
    "text",
    [
        "CBS News reported, citing Johns Hopkins University data, there were 500 cases.",
        "CBS News reported there were 500 cases, citing Johns Hopkins University data.",
    ],
)
def test_citing_set_off_at_either_end_of_the_content_makes_the_cited_the_speaker(text):
    attr = only(text)
    assert attr.speaker.name == "Johns Hopkins University" and chain(attr) == [("CBS News", "citing")]
    assert attr.content[0].text == "there were 500 cases"


def test_citing_after_the_content_makes_no_record_of_its_own():
    attr = only("The ministry said prices rose, citing officials.")
    assert attr.speaker.name == "officials" and chain(attr) == [("ministry", "citing")]


def test_a_closing_according_to_data_named_after_an_organisation_stays_content():
    attr = only("The minister said inflation hit 9%, according to Census Bureau figures.")
    assert attr.content[0].text.endswith("according to Census Bureau figures") and attr.chain == []


def test_an_interview_with_investigators_is_no_relay():
    attr = only("In an interview with the FBI, the suspect said he had been at home.")
    assert attr.chain == []


def test_according_to_the_report_named_before_keeps_the_report_as_its_source():
    found = attributions(
        "The UN published a report on Monday. According to the report, the famine is spreading."
    )
    assert found[-1].speaker is not None and found[-1].medium == "report"
