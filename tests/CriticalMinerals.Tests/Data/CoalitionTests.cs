using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

public class CoalitionTests
{
    private static MineralDataset Data => MineralDataset.Default;

    [Theory]
    // country_groups.csv row counts per group.
    [InlineData("US_FTA_partners_20", 21)] // 20 FTA partners + the United States as home country
    [InlineData("IRA_30D_FTA_treatment_extra", 1)]
    [InlineData("MSP_Minerals_Security_Partnership", 15)] // 14 countries + the European Union (EUU)
    [InlineData("G7", 8)] // 7 countries + the EU as non-enumerated member
    [InlineData("IPEF", 14)]
    [InlineData("EU27", 27)]
    public void Builtin_coalition_member_counts(string name, int count)
    {
        Data.GetCoalition(name).Members.Should().HaveCount(count);
    }

    [Fact]
    public void US_FTA_partners_are_20_plus_the_home_country()
    {
        var fta = Data.GetCoalition("US_FTA_partners_20");
        fta.Members.Where(m => m.Note is null).Should().HaveCount(20);
        fta.Members.Single(m => m.Note is not null).Should().Be(new CoalitionMember("USA", "United States", null, null, "home country, not an FTA partner", "S56"));
        fta.SourceIds.Should().Equal("S55", "S56");
        fta.Contains("JPN").Should().BeFalse();
        fta.Contains("kor").Should().BeTrue();
    }

    [Fact]
    public void Japan_30D_treatment_keeps_its_note()
    {
        var japan = Data.GetCoalition("IRA_30D_FTA_treatment_extra").Members.Single();
        japan.Iso3.Should().Be("JPN");
        japan.Note.Should().Be("critical-minerals agreement, not a comprehensive FTA");
        japan.SourceId.Should().Be("S57");
    }

    [Fact]
    public void MSP_join_dates_are_parsed()
    {
        var msp = Data.GetCoalition("MSP_Minerals_Security_Partnership");
        // MSP...,Australia,AUS,joined 2022-06,S58 ; India,IND,joined 2023-06 ; Estonia,EST,joined 2024-03 ; Italy,ITA,joined 2023
        msp.Members.Single(m => m.Iso3 == "AUS").JoinedOn.Should().Be(new DateOnly(2022, 6, 1));
        msp.Members.Single(m => m.Iso3 == "IND").JoinedOn.Should().Be(new DateOnly(2023, 6, 1));
        msp.Members.Single(m => m.Iso3 == "EST").JoinedAsPublished.Should().Be("2024-03");
        var italy = msp.Members.Single(m => m.Iso3 == "ITA");
        italy.JoinedAsPublished.Should().Be("2023");
        italy.JoinedOn.Should().Be(new DateOnly(2023, 1, 1));
        msp.Members.Should().OnlyContain(m => m.JoinedOn != null);
        msp.Contains("EUU").Should().BeTrue();
    }

    [Fact]
    public void China_centred_coalition_works_like_a_US_one()
    {
        var china = Coalition.Create("China+Russia", ["CHN", "RUS"]);
        var us = Coalition.Create("US+Australia", ["USA", "AUS"]);
        china.Members.Select(m => m.CountryName).Should().Equal("China", "Russian Federation");
        china.Contains("CHN").Should().BeTrue();
        china.Contains("USA").Should().BeFalse();

        // IEA 2024 lithium refining: CHN 169.678 kt of World 241.612 kt (iea_supply_by_country.csv).
        var refining = Data.Supply("lithium", SupplyStage.Refining, 2024, SupplyCase.Observed);
        refining.Countries.Where(r => china.Contains(r.Country.Iso3)).Sum(r => r.Value).Should().BeApproximately(169.678, 1e-9);
        // AUS 4.333 kt; the US has no lithium refining row of its own (inside Rest of world).
        refining.Countries.Where(r => us.Contains(r.Country.Iso3)).Sum(r => r.Value).Should().BeApproximately(4.333, 1e-9);
    }

    [Theory]
    [InlineData("XYZ", "*Unknown ISO 3166-1 alpha-3 code 'XYZ'*")]
    [InlineData("WLD", "*'WLD' is an aggregate*")]
    [InlineData("CHN", "*'CHN' is listed twice*")]
    public void Create_rejects_bad_codes_naming_them(string bad, string message)
    {
        var act = () => Coalition.Create("test", ["CHN", bad]);
        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Unknown_coalition_name_is_an_error()
    {
        var act = () => Data.GetCoalition("BRICS");
        act.Should().Throw<ArgumentException>().WithMessage("*Unknown coalition 'BRICS'*");
    }
}
