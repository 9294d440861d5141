import pytest

from claims.pipeline.figure_counted import unit_counted


@pytest.mark.parametrize(
    ("sentence", "figure", "unit", "counted"),
    [
        ("He was sentenced to 12 years in prison.", "12 years", "years", "years in prison"),
        (
            "After seven months of fighting the town fell.",
            "seven months",
            "months",
            "months of fighting",
        ),
        ("Prosecutors asked for a sentence of 20 years.", "20 years", "years", "sentence"),
        ("His bail was set at $2.5 million.", "$2.5 million", "USD", "bail"),
        ("Her sister had raised more than $18,000.", "more than $18,000", "USD", "money raised"),
        ("He bought a $9.6m beachfront house.", "$9.6m", "USD", "beachfront house"),
        ("Digital sales dropped 10% in the quarter.", "10%", "percent", "sales fall"),
        ("Turnout reached 66.6%, the ministry said.", "66.6%", "percent", "turnout"),
        ("Analysts expected a 3.2% fall.", "3.2%", "percent", "fall"),
        ("The party won 29.5% of the vote.", "29.5%", "percent", "vote"),
        ("In the United States deaths fell by 27% last year.", "27%", "percent", "deaths fall"),
        ("The United States fell by 27% in the ranking.", "27%", "percent", "fall"),
    ],
)
def test_a_figure_with_a_unit_says_what_it_measures(sentence, figure, unit, counted):
    start = sentence.index(figure)
    end = start + len(figure)
    assert unit_counted(sentence, 0, len(sentence), start, end, unit) == counted
