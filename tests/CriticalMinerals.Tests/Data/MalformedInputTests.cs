using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

/// <summary>
/// Each case copies one file of Malformed/ into an empty folder under the real file name and loads that folder with the
/// other files taken from the embedded defaults; the exception must name every problem at once.
/// </summary>
public sealed class MalformedInputTests : IDisposable
{
    private const string Supply = "iea_supply_by_country.csv";
    private const string Demand = "iea_demand_projections.csv";
    private const string Usgs = "usgs_mcs_production_reserves.csv";
    private const string Groups = "country_groups.csv";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cm-data-tests-" + Guid.NewGuid().ToString("N"));

    public MalformedInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Use(string malformed, string asFile) =>
        File.Copy(Path.Combine(TestPaths.Malformed, malformed), Path.Combine(_dir, asFile));

    private IReadOnlyList<DataProblem> Problems(DatasetLoadOptions? options = null)
    {
        var act = () => MineralDataset.Load(_dir, options ?? new DatasetLoadOptions { FallBackToDefaults = true });
        return act.Should().Throw<DatasetException>().Which.Problems;
    }

    private static IEnumerable<(string File, int Row, string Field)> Where(IReadOnlyList<DataProblem> problems) =>
        problems.Select(p => (p.File, p.Row, p.Field));

    [Fact]
    public void Unit_LCE_instead_of_Li_content_names_file_row_field_and_expected_unit()
    {
        Use("supply_unit_lce.csv", Supply);
        var p = Problems().Should().ContainSingle().Subject;
        p.Should().Be(new DataProblem(Supply, 3, "unit", "kt LCE", "'kt Li content' for lithium"));
    }

    [Fact]
    public void Every_bad_row_of_a_file_is_reported_at_once()
    {
        Use("supply_many_problems.csv", Supply);
        var problems = Problems();
        Where(problems).Should().Equal(
            (Supply, 2, "value"), // -5
            (Supply, 3, "value"), // abc
            (Supply, 4, "value"), // NaN
            (Supply, 5, "year"), // 1989
            (Supply, 6, "year"), // 2030.5
            (Supply, 7, "case"), // base_case
            (Supply, 8, "stage"), // smelting
            (Supply, 9, "mineral"), // unobtainium
            (Supply, 10, "iso3"), // XXX
            (Supply, 11, "source_id"), // S999
            (Supply, 13, "(row)"), // duplicate of row 12
            (Supply, 14, "share_of_world"), // 1.5
            (Supply, 15, "(row)")); // 10 fields instead of 11
        problems[0].Expected.Should().Be("a non-negative number");
        problems[2].Expected.Should().Be("a finite number");
        problems[3].Expected.Should().Be("a year in 1990..2100");
        problems[5].Expected.Should().Contain("observed, base_case_projection");
        problems[10].Expected.Should().Contain("first at row 12");
        problems[12].Value.Should().Be("10 fields");
        var message = Assert.Throws<DatasetException>(() => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true })).Message;
        message.Should().Contain("13 problem(s)").And.Contain("row 9, field 'mineral': found 'unobtainium'");
    }

    [Fact]
    public void Semicolon_delimited_file_reports_the_header()
    {
        Use("supply_semicolon.csv", Supply);
        var p = Problems().Should().ContainSingle().Subject;
        (p.File, p.Row, p.Field).Should().Be((Supply, 1, "(header)"));
        p.Expected.Should().Contain("';' as delimiter").And.Contain("mineral,country,iso3");
    }

    [Fact]
    public void Wrong_header_names_the_unexpected_and_the_missing_column()
    {
        Use("supply_wrong_header.csv", Supply);
        Where(Problems()).Should().Equal((Supply, 1, "units"), (Supply, 1, "unit"));
    }

    [Fact]
    public void Broken_quotes_are_problems_not_parser_exceptions()
    {
        Use("supply_broken_quote.csv", Supply);
        var problems = Problems();
        Where(problems).Should().Equal((Supply, 3, "note"), (Supply, 4, "note"));
        problems[0].Value.Should().Be("say \"hi\"");
        problems[1].Expected.Should().Contain("closing quote");
    }

    [Fact]
    public void Empty_file_is_a_problem()
    {
        Use("empty.csv", Demand);
        var p = Problems().Should().ContainSingle().Subject;
        (p.File, p.Row, p.Field, p.Value).Should().Be((Demand, 1, "(file)", "(empty)"));
    }

    [Fact]
    public void Demand_scenario_unit_and_mineral_are_checked()
    {
        Use("demand_bad.csv", Demand);
        var problems = Problems();
        Where(problems).Should().Equal((Demand, 2, "scenario"), (Demand, 3, "unit"), (Demand, 4, "mineral"));
        problems[0].Expected.Should().Be("one of observed, STEPS, APS, NZE");
        problems[1].Expected.Should().Be("'kt Li content (NOT LCE)' for lithium");
    }

    [Fact]
    public void Problems_of_several_files_come_in_one_exception()
    {
        Use("supply_unit_lce.csv", Supply);
        Use("demand_bad.csv", Demand);
        Use("groups_bad.csv", Groups);
        Problems().Select(p => p.File).Distinct().Should().Equal(Supply, Demand, Groups);
    }

    [Fact]
    public void Mixed_USGS_editions_are_an_error_when_strict()
    {
        Use("usgs_mixed_editions.csv", Usgs);
        var p = Problems(new DatasetLoadOptions { FallBackToDefaults = true, RequireSingleUsgsEdition = true }).Should().ContainSingle().Subject;
        p.Should().Be(new DataProblem(Usgs, 3, "source_edition", "MCS2023", "only MCS2024 (RequireSingleUsgsEdition: editions are never mixed)"));

        // Not strict: the MCS2023 rows are dropped, only the MCS2024 row (44,000 t = 44 kt) is kept.
        var data = MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        data.UsgsRecords.Should().ContainSingle().Which.Value.Should().Be(44_000);
    }

    [Fact]
    public void Withheld_values_are_never_zero_and_USGS_units_are_checked()
    {
        Use("usgs_withheld_and_units.csv", Usgs);
        var problems = Problems();
        Where(problems).Should().Equal((Usgs, 2, "value"), (Usgs, 3, "value"), (Usgs, 4, "unit"), (Usgs, 5, "estimated"), (Usgs, 6, "(row)"));
        problems[0].Expected.Should().Contain("value_raw 'W' is withheld");
        problems[2].Expected.Should().Be("'t Li content' for lithium mining");
    }

    [Fact]
    public void Unknown_edition_option_is_an_error()
    {
        var act = () => MineralDataset.Load(new DatasetLoadOptions { UsgsEdition = "MCS2025" });
        var p = act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle().Subject;
        (p.File, p.Field, p.Value).Should().Be((Usgs, "source_edition", "MCS2025"));
        p.Expected.Should().Contain("MCS2023, MCS2024, MCS2026");
    }

    [Fact]
    public void Coalition_rows_check_codes_sources_duplicates_and_join_dates()
    {
        Use("groups_bad.csv", Groups);
        Where(Problems()).Should().Equal((Groups, 3, "iso3"), (Groups, 4, "iso3"), (Groups, 5, "source_id"), (Groups, 6, "iso3"), (Groups, 7, "note"));
    }

    [Fact]
    public void Policy_operator_and_value_are_checked_and_odd_year_text_is_kept()
    {
        Use("policy_bad.csv", "policy_targets.csv");
        Where(Problems()).Should().Equal(("policy_targets.csv", 2, "operator"), ("policy_targets.csv", 4, "value"));
    }

    [Fact]
    public void Non_UTF8_file_is_a_problem()
    {
        Use("sources_latin1.csv", "sources.csv");
        Problems()[0].Should().Match<DataProblem>(p => p.File == "sources.csv" && p.Row == 0 && p.Field == "(file)" && p.Value == "(not UTF-8)" && p.Expected.StartsWith("UTF-8 text (byte ", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_files_are_all_named()
    {
        var problems = Problems(new DatasetLoadOptions());
        problems.Should().HaveCount(7).And.OnlyContain(p => p.Row == 0 && p.Field == "(file)" && p.Value == "(missing)");
        problems.Select(p => p.File).Should().BeEquivalentTo(
            [Usgs, Supply, Demand, "iea_published_shares.csv", Groups, "policy_targets.csv", "sources.csv"]);
    }

    [Fact]
    public void A_full_copy_of_the_shared_data_loads_like_the_default()
    {
        foreach (var file in Directory.GetFiles(TestPaths.EmbeddedDefaultFolder, "*.csv"))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }

        var data = MineralDataset.Load(_dir);
        data.SupplyRecords.Should().HaveCount(MineralDataset.Default.SupplyRecords.Count);
        data.UsgsRecords.Should().HaveCount(MineralDataset.Default.UsgsRecords.Count);
        data.Coalitions.Should().HaveCount(6);
        data.PolicyTargets.Should().HaveCount(18); // policy_targets.csv: 19 lines incl. header
        data.PolicyTargets.Single(t => t.Year == "2027+").FromYear.Should().Be(2027);
        data.PolicyTargets.Single(t => t.Year == "after 2025-09-30").FromYear.Should().BeNull();
    }

    [Fact]
    public void Supply_rows_the_model_would_drop_or_double_count_are_problems()
    {
        Use("supply_silent_drops.csv", Supply);
        var problems = Problems();
        Where(problems).Should().Equal(
            (Supply, 2, "year"), // observed 2023: mining of AUS would silently be 0
            (Supply, 3, "year"), // projection of 2024
            (Supply, 4, "iso3"), // EUU as a site
            (Supply, 7, "value")); // World 240 below CHL 49 + CHN 123587
        problems[0].Expected.Should().Contain("2024 for case observed");
        problems[2].Expected.Should().Contain("not the group European Union");
        problems[3].Value.Should().Be("240");
        problems[3].Expected.Should().Contain("123636").And.Contain("CHL row 5").And.Contain("CHN row 6");
    }

    [Fact]
    public void A_coalition_given_twice_or_a_member_given_twice_is_a_problem()
    {
        Use("groups_conflicting.csv", Groups);
        var problems = Problems();
        Where(problems).Should().Equal((Groups, 5, "group"), (Groups, 6, "group"));
        problems[0].Expected.Should().Contain("G7 is already defined at rows 2..3");
    }

    /// <summary>The embedded copy of <paramref name="file"/> with line <paramref name="line"/> (1 = header) changed, written to the test folder.</summary>
    private void WriteChanged(string file, int line, Func<string, string> change)
    {
        var lines = System.Text.Encoding.UTF8.GetString(CriticalMinerals.Data.Loading.DefaultFiles.ReadEmbedded(file)!).Split('\n');
        lines[line - 1] = change(lines[line - 1]);
        File.WriteAllText(Path.Combine(_dir, file), string.Join('\n', lines));
    }

    [Fact]
    public void An_invisible_or_look_alike_character_in_any_code_field_is_shown_escaped()
    {
        // Row 2 of the supply file: copper,Chile,CHL,...; row 3 the same country. A zero-width space after the code, and a
        // Cyrillic А (U+0410) for the Latin A in the mineral code.
        WriteChanged(Supply, 2, l => l.Replace(",CHL,", ",CHL\u200B,", StringComparison.Ordinal));
        WriteChanged(Usgs, 2, l => l.Replace("lithium,", "lith\u0456um,", StringComparison.Ordinal));
        WriteChanged(Groups, 2, l => l.Replace(",AUS,", ",AU\u0405,", StringComparison.Ordinal));
        var act = () => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        var error = act.Should().Throw<DatasetException>().Which;

        error.Message.Should().Contain($"{Supply}, row 2, field 'iso3': found 'CHL\\u200B'");
        error.Message.Should().Contain($"{Usgs}, row 2, field 'mineral': found 'lith\\u0456um'");
        error.Message.Should().Contain($"{Groups}, row 2, field 'iso3': found 'AU\\u0405'");
        error.Problems.Should().Contain(p => p.Value == "CHL\u200B", "the problem keeps the value as found; only its text escapes it");
    }

    [Fact]
    public void A_long_text_value_keeps_its_accents_but_shows_invisible_characters()
    {
        new DataProblem("f.csv", 2, "note", "Côte d'Ivoire\u200B note", "x").ToString()
            .Should().Contain("found 'Côte d'Ivoire\\u200B note'");
        new DataProblem("f.csv", 2, "iso3", "CÔT", "x").ToString().Should().Contain("found 'C\\u00D4T'");
    }

    [Fact]
    public void The_European_Union_is_refused_as_a_USGS_country()
    {
        WriteChanged(Usgs, 2, l => l.Replace("United States,USA,", "European Union,EUU,", StringComparison.Ordinal));
        var problem = Problems().Should().ContainSingle().Subject;

        problem.Should().Match<DataProblem>(p => p.File == Usgs && p.Row == 2 && p.Field == "iso3" && p.Value == "EUU");
        problem.Expected.Should().Contain("not the group European Union");
    }
}
