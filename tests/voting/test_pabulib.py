"""Reading and writing Pabulib (.pb) files."""

from fractions import Fraction

import pytest

from commissioning.voting import (
    PabulibFormatError,
    PabulibRepeatWarning,
    pabulib_text,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)

from .conftest import FIXTURES, election, pabulib_dir, requires_real_data

GOOD = (FIXTURES / "approval_ties.pb").read_text(encoding="utf-8")


def broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def error_for(text: str) -> PabulibFormatError:
    with pytest.raises(PabulibFormatError) as caught:
        parse_pabulib(text)
    return caught.value


def test_reader_keeps_ids_with_leading_zero_distinct():
    e = read_pabulib(FIXTURES / "approval_ties.pb")
    costs = {p.id: p.cost for p in e.projects}
    assert "05" in costs and "5" in costs
    assert e.ballots[2].vote == ("05", "10")


def test_reader_reads_meta_budget_and_ballot_extras():
    e = read_pabulib(FIXTURES / "approval_ties.pb")
    assert (e.budget, e.vote_type, e.meta["currency"]) == (Fraction(100), "approval", "GBP")
    assert e.ballots[0].meta == {"age": "34"}
    assert e.ballots[6].meta == {}


def test_reader_reads_crlf_file_with_quoted_semicolons_and_quotes():
    e = read_pabulib(FIXTURES / "cumulative_threshold.pb")
    names = {p.id: p.name for p in e.projects}
    assert names["P1"] == "Play area; phase 1"
    assert names["P2"] == 'Street "tidy-up" days'
    assert e.ballots[0].points == (2, 1)


def test_reader_gives_same_election_for_crlf_and_lf():
    assert parse_pabulib(GOOD.replace("\n", "\r\n")) == parse_pabulib(GOOD)


def test_reader_takes_ordinal_k_from_max_length():
    assert read_pabulib(FIXTURES / "ordinal_rank3.pb").rank_points == 3


def test_reader_rejects_vote_for_unknown_project_naming_the_line():
    error = error_for(broken("8;b;73", "8;zz;73"))
    assert error.line == 32 and "unknown project 'zz'" in str(error)


def test_reader_rejects_missing_required_meta_key():
    error = error_for(broken("country;United Kingdom\n", ""))
    assert "country" in str(error) and error.line == 1


def test_reader_rejects_row_with_wrong_number_of_fields():
    error = error_for(broken("A;20;Allotment water;environment", "A;20;Allotment water"))
    assert error.line == 21 and "has 3 fields but the header has 4" in str(error)


def test_reader_rejects_cost_that_is_not_a_number():
    error = error_for(broken("b;20;Bike racks", "b;twenty;Bike racks"))
    assert error.line == 22 and "'twenty' is not a number" in str(error)


def test_reader_rejects_num_votes_that_does_not_match_the_rows():
    assert "num_votes" in str(error_for(broken("num_votes;10", "num_votes;11")))


def test_reader_rejects_a_voter_id_used_twice():
    error = error_for(broken("10;05;None", "9;05;None"))
    assert error.line == 34 and "already used on line 33" in str(error)


def test_reader_rejects_sections_out_of_order():
    text = GOOD.replace("PROJECTS\n", "VOTES_X\n").replace("VOTES\n", "PROJECTS\n")
    assert "out of place" in str(error_for(text.replace("VOTES_X\n", "VOTES\n")))


def test_reader_rejects_cumulative_points_that_do_not_match_the_vote():
    text = (FIXTURES / "cumulative_threshold.pb").read_text(encoding="utf-8")
    error = error_for(text.replace("r2;P1;3", "r2;P1;3,1"))
    assert "1 project(s) in 'vote' but 2 number(s)" in str(error)


def test_reader_rejects_unsupported_vote_type():
    assert "not supported" in str(error_for(broken("vote_type;approval", "vote_type;scoring")))


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.pb")))
def test_writer_output_reads_back_as_the_same_election(name, tmp_path):
    original = read_pabulib(FIXTURES / name)
    write_pabulib(original, tmp_path / name, line_ending="\r\n")
    assert read_pabulib(tmp_path / name) == original


def test_writer_writes_election_built_in_code():
    e = election({"05": 10, "5": 12}, ["05,5", "5"], budget=20)
    assert parse_pabulib(pabulib_text(e)) == parse_pabulib(pabulib_text(parse_pabulib(pabulib_text(e))))
    assert [p.id for p in parse_pabulib(pabulib_text(e)).projects] == ["05", "5"]


def test_writer_refuses_election_without_required_meta():
    e = election({"a": 10}, ["a"], budget=20)
    bare = type(e)(e.projects, e.ballots, e.budget, e.vote_type, {})
    with pytest.raises(ValueError, match="description"):
        pabulib_text(bare)


def test_written_file_is_read_by_pabutools(tmp_path):
    from pabutools.election import parse_pabulib as pabutools_parse

    original = read_pabulib(FIXTURES / "cumulative_threshold.pb")
    write_pabulib(original, tmp_path / "out.pb")
    instance, profile = pabutools_parse(str(tmp_path / "out.pb"))
    assert instance.budget_limit == 250 and len(profile) == len(original.ballots)


@requires_real_data
@pytest.mark.parametrize(
    "name",
    [
        "Poland_Katowice_2023_Zaleze.pb",
        "Netherlands_Assen_2024.pb",
        "Poland_Krakow_2020_Zwierzyniec.pb",
    ],
)
def test_writer_round_trips_real_files(name, tmp_path):
    original = read_pabulib(pabulib_dir() / name)
    write_pabulib(original, tmp_path / name)
    assert read_pabulib(tmp_path / name) == original


def test_reader_counts_a_project_repeated_in_a_vote_once_and_warns_naming_the_line():
    with pytest.warns(PabulibRepeatWarning) as caught:
        e = parse_pabulib(broken("3;05,10;29", "3;05,10,05;29"))
    assert e.ballots[2].vote == ("05", "10")
    assert [w.message.line for w in caught] == [27]
    assert "line 27: vote names '05' more than once; counted once" in str(caught[0].message)


def test_reader_keeps_the_first_place_of_a_repeat_in_a_ranking_as_pabutools_does():
    text = (FIXTURES / "ordinal_rank3.pb").read_text(encoding="utf-8")
    vote = read_pabulib(FIXTURES / "ordinal_rank3.pb").ballots[0].vote
    repeated = f"{vote[0]},{vote[1]},{vote[0]}"
    with pytest.warns(PabulibRepeatWarning):
        e = parse_pabulib(text.replace(",".join(vote), repeated, 1))
    assert e.ballots[0].vote == (vote[0], vote[1])


def test_reader_keeps_the_last_points_of_a_cumulative_repeat_as_pabutools_does():
    text = (FIXTURES / "cumulative_threshold.pb").read_text(encoding="utf-8")
    with pytest.warns(PabulibRepeatWarning):
        e = parse_pabulib(text.replace("r1;P1,P2;2,1", "r1;P1,P2,P1;1,1,1"))
    assert e.ballots[0].vote == ("P1", "P2") and e.ballots[0].points == (1, 1)


def test_reader_still_refuses_a_repeat_that_names_an_unknown_project():
    error = error_for(broken("3;05,10;29", "3;05,zz,zz;29"))
    assert error.line == 27 and "unknown project 'zz'" in str(error)


def test_reader_repeats_read_as_pabutools_reads_them(tmp_path):
    from pabutools.election import parse_pabulib as pabutools_parse

    path = tmp_path / "repeat.pb"
    path.write_text(broken("3;05,10;29", "3;05,10,05;29"), encoding="utf-8")
    with pytest.warns(PabulibRepeatWarning):
        ours = read_pabulib(path)
    _, profile = pabutools_parse(str(path))
    assert sorted(p.name for p in profile[2]) == sorted(ours.ballots[2].vote)
