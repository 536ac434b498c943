using CriticalMinerals.Analysis.Diagnostics;
using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Analysis.Diagnostics;

/// <summary>
/// Small infeasible models whose cheapest relaxation is worked out by hand in each test's comment, run on every backend
/// that solves LPs (CP-SAT refuses continuous variables and is left out).
/// </summary>
public sealed class InfeasibilityExplainerTests
{
    private const double Inf = double.PositiveInfinity;

    public static TheoryData<string> LpBackends => new(SolverBackends.All.Where(b => b.Capabilities.ContinuousVariables).Select(b => b.Name));

    private static double Tol(ISolverBackend backend) => Math.Max(1e-6, 10 * backend.Capabilities.ObjectiveTolerance);

    /// <summary>x ∈ [0, 10] with floor: x ≥ 3 and cap: x ≤ 1. Any relaxation moves the two bounds 2 apart in total.</summary>
    private static LinearModel TwoConflictingRows()
    {
        var m = new LinearModel("two_rows");
        int x = m.AddVariable(0, 10, 1, name: "x");
        m.AddRow(3, Inf, [x], [1.0], "floor");
        m.AddRow(-Inf, 1, [x], [1.0], "cap");
        return m;
    }

    /// <summary>
    /// Demand x + y ≥ 10 with capX: x ≤ 3 and capY: y ≤ 4 (x, y ≥ 0): 3 units are missing, and any one of the three rows
    /// can give them.
    /// </summary>
    private static LinearModel ThreeGroups()
    {
        var m = new LinearModel("three_groups");
        int x = m.AddVariable(0, Inf, 0, name: "x");
        int y = m.AddVariable(0, Inf, 0, name: "y");
        m.AddRow(10, Inf, [x, y], [1.0, 1.0], "demand");
        m.AddRow(-Inf, 3, [x], [1.0], "capX");
        m.AddRow(-Inf, 4, [y], [1.0], "capY");
        return m;
    }

    private static ConstraintGroup[] Groups(params (string Name, double Weight)[] groups) =>
        [.. groups.Select(g => new ConstraintGroup(g.Name, [Row(g.Name)], Weight: g.Weight))];

    private static int Row(string name) => name switch
    {
        "floor" or "demand" => 0,
        "cap" or "capX" => 1,
        "capY" => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(LpBackends))]
    public void Two_conflicting_rows_with_equal_weights_need_two_units_in_total(string name)
    {
        var backend = SolverBackends.Get(name);
        var e = InfeasibilityExplainer.Explain(TwoConflictingRows(), Groups(("floor", 1), ("cap", 1)), backend);

        e.Verdict.Should().Be(InfeasibilityVerdict.Explained, e.Summary);
        e.IsInfeasible.Should().BeTrue();
        e.Backend.Should().Be(name);
        // Equal weights: every split of the 2 units between the rows is optimal, so only the total is determined.
        e.TotalWeightedRelaxation.Should().BeApproximately(2, Tol(backend));
        e.Groups.Sum(g => g.Amount).Should().BeApproximately(2, Tol(backend));
    }

    [Theory]
    [MemberData(nameof(LpBackends))]
    public void Two_conflicting_rows_relax_the_cheaper_one(string name)
    {
        var backend = SolverBackends.Get(name);
        // Moving cap costs 1 per unit, floor 2: raise the cap from 1 to 3 (cost 2) rather than lower the floor (cost 4).
        var e = InfeasibilityExplainer.Explain(TwoConflictingRows(), Groups(("floor", 2), ("cap", 1)), backend);

        e.Verdict.Should().Be(InfeasibilityVerdict.Explained, e.Summary);
        var cap = e.Groups.Should().ContainSingle().Subject;
        cap.Group.Should().Be("cap");
        cap.Amount.Should().BeApproximately(2, Tol(backend));
        var row = cap.Rows.Should().ContainSingle().Subject;
        row.RowName.Should().Be("cap");
        row.Side.Should().Be(BoundSide.Upper);
        row.Bound.Should().Be(1);
        row.Needed.Should().BeApproximately(3, Tol(backend));
        row.Sentence.Should().Be("row cap ≤ 1 needs 3");
        e.TotalWeightedRelaxation.Should().BeApproximately(2, Tol(backend));
    }

    [Theory]
    [MemberData(nameof(LpBackends))]
    public void Three_groups_relax_only_the_cheap_one(string name)
    {
        var backend = SolverBackends.Get(name);
        // 3 units missing: via capX costs 3 × 1 = 3, via capY 3 × 2 = 6, via demand 3 × 5 = 15.
        var e = InfeasibilityExplainer.Explain(ThreeGroups(), Groups(("demand", 5), ("capX", 1), ("capY", 2)), backend);

        e.Verdict.Should().Be(InfeasibilityVerdict.Explained, e.Summary);
        e.GroupCount.Should().Be(3);
        var only = e.Groups.Should().ContainSingle().Subject;
        only.Group.Should().Be("capX");
        only.Rows.Single().Needed.Should().BeApproximately(6, Tol(backend));
        e.TotalWeightedRelaxation.Should().BeApproximately(3, Tol(backend));
        e.For("capY").Should().BeNull();
        e.For("demand").Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(LpBackends))]
    public void Weights_flip_the_choice(string name)
    {
        var backend = SolverBackends.Get(name);
        // Now capX costs 3 per unit: via capX 9, via capY 6, via demand 15; capY goes from 4 to 7.
        var e = InfeasibilityExplainer.Explain(ThreeGroups(), Groups(("demand", 5), ("capX", 3), ("capY", 2)), backend);

        var only = e.Groups.Should().ContainSingle().Subject;
        only.Group.Should().Be("capY");
        only.Rows.Single().Needed.Should().BeApproximately(7, Tol(backend));
        e.TotalWeightedRelaxation.Should().BeApproximately(6, Tol(backend));

        // And the demand row when it is the cheapest: it can only reach 7 of its 10.
        var d = InfeasibilityExplainer.Explain(ThreeGroups(), Groups(("demand", 0.5), ("capX", 3), ("capY", 2)), backend);
        var demand = d.Groups.Should().ContainSingle().Subject.Rows.Single();
        demand.Side.Should().Be(BoundSide.Lower);
        demand.Needed.Should().BeApproximately(7, Tol(backend));
        demand.Sentence.Should().Be("row demand ≥ 10 needs 7");
        d.TotalWeightedRelaxation.Should().BeApproximately(1.5, Tol(backend));
    }

    [Theory]
    [MemberData(nameof(LpBackends))]
    public void Feasible_model_says_so(string name)
    {
        var backend = SolverBackends.Get(name);
        var m = ThreeGroups();
        m.SetRowBounds(0, 5, Inf); // demand 5 ≤ 3 + 4
        var e = InfeasibilityExplainer.Explain(m, Groups(("demand", 1), ("capX", 1), ("capY", 1)), backend);

        e.Verdict.Should().Be(InfeasibilityVerdict.Feasible, e.Summary);
        e.IsInfeasible.Should().BeFalse();
        e.Groups.Should().BeEmpty();
        e.TotalWeightedRelaxation.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(LpBackends))]
    public void Hard_rows_in_conflict_are_reported_as_such(string name)
    {
        var backend = SolverBackends.Get(name);
        // Only capY may move, but demand and capX are hard and x ≤ 3 with x ≥ 10 − y… y can grow: feasible by relaxing capY.
        // Make the conflict hard: x ≥ 5 (hard) against capX x ≤ 3 (hard); capY may move but does not help.
        var m = ThreeGroups();
        int x = 0;
        m.AddRow(5, Inf, [x], [1.0], "x_floor");
        var e = InfeasibilityExplainer.Explain(m, [new ConstraintGroup("capY", [2])], backend);

        e.Verdict.Should().Be(InfeasibilityVerdict.HardRowsConflict, e.Summary);
        e.IsInfeasible.Should().BeTrue();
        e.Groups.Should().BeEmpty();
    }

    [Fact]
    public void Description_template_gives_domain_phrasing()
    {
        // The EU's share of refined lithium is s; the other suppliers can take at most 22 %, so s ≥ 0.78 (hard),
        // against the 65 % single-country cap (relaxable).
        var m = new LinearModel("cap");
        int s = m.AddVariable(0, 1, 0, name: "share[EU]");
        int o = m.AddVariable(0, 0.22, 0, name: "share[others]");
        m.AddRow(1, 1, [s, o], [1.0, 1.0], "shares_sum");
        int cap = m.AddRow(-Inf, 0.65, [s], [1.0], "cap[EU,lithium,2030]");
        var group = new ConstraintGroup("cap", [cap],
            "the {bound:P0} single-country cap on refined lithium for the EU in 2030 cannot hold; it needs {needed:P0}");

        var e = InfeasibilityExplainer.Explain(m, [group], SolverBackends.Clp);

        var row = e.Groups.Single().Rows.Single();
        row.RowName.Should().Be("cap[EU,lithium,2030]");
        row.Needed.Should().BeApproximately(0.78, 1e-9);
        row.Amount.Should().BeApproximately(0.13, 1e-9);
        row.Sentence.Should().Be("the 65 % single-country cap on refined lithium for the EU in 2030 cannot hold; it needs 78 %");
        e.Groups.Single().Sentence.Should().Be(row.Sentence);
        e.Summary.Should().Contain(row.Sentence);
    }

    [Fact]
    public void Default_sentence_names_row_bound_and_needed_value()
    {
        var m = new LinearModel("cap");
        int s = m.AddVariable(0.78, 1, 0, name: "share[EU]");
        int cap = m.AddRow(-Inf, 0.65, [s], [1.0], "cap[EU,lithium,2030]");

        var e = InfeasibilityExplainer.Explain(m, row => row == cap ? "cap" : null);

        e.Groups.Single().Sentence.Should().Be("row cap[EU,lithium,2030] ≤ 0.65 needs 0.78");
        e.Backend.Should().Be("CLP", "the automatic choice for an LP");
    }

    [Fact]
    public void Equality_row_moves_the_side_that_is_needed()
    {
        // x + y = 10 with x ≤ 2, y ≤ 3 (hard bounds): the equality can only reach 5.
        var m = new LinearModel("eq");
        int x = m.AddVariable(0, 2, 0, name: "x");
        int y = m.AddVariable(0, 3, 0, name: "y");
        m.AddRow(10, 10, [x, y], [1.0, 1.0], "balance");

        var e = InfeasibilityExplainer.Explain(m, [new ConstraintGroup("balance", [0])]);

        var row = e.Groups.Single().Rows.Single();
        row.Side.Should().Be(BoundSide.Lower);
        row.Needed.Should().BeApproximately(5, 1e-9);
        row.Sentence.Should().Be("row balance ≥ 10 needs 5");
    }

    [Fact]
    public void Groups_by_name_prefix()
    {
        var m = new LinearModel("prefix");
        int x = m.AddVariable(0, 10, 0);
        m.AddRow(-Inf, 1, [x], [1.0], "cap[A]");
        m.AddRow(-Inf, 2, [x], [1.0], "cap[B]");
        m.AddRow(5, Inf, [x], [1.0], "demand");
        m.AddRow(0, Inf, [x], [1.0], "balance[A]");

        var groups = ConstraintGroup.ByNamePrefix(m, prefix => prefix != "balance");

        groups.Select(g => (g.Name, string.Join(",", g.Rows))).Should().Equal(("cap", "0,1"), ("demand", "2"));
        // x ≥ 5 against caps 1 and 2. With caps at 2 per unit, meeting at x = t ∈ [1, 5] costs (5 − t) + 2(t − 1) + 2·max(0, t − 2),
        // smallest at t = 1: lower demand from 5 to 1, cost 4.
        var e = InfeasibilityExplainer.Explain(m, [groups[0] with { Weight = 2 }, groups[1]]);
        e.Groups.Single().Group.Should().Be("demand");
        e.TotalWeightedRelaxation.Should().BeApproximately(4, 1e-9);
    }

    [Fact]
    public void Malformed_groups_are_refused_before_solving()
    {
        var m = TwoConflictingRows();
        var act = () => InfeasibilityExplainer.Explain(m, [new ConstraintGroup("a", [0]), new ConstraintGroup("b", [0])]);
        act.Should().Throw<ArgumentException>().WithMessage("*row floor is in groups 'a' and 'b'*");

        act = () => InfeasibilityExplainer.Explain(m, [new ConstraintGroup("a", [2])]);
        act.Should().Throw<ArgumentException>().WithMessage("*names row 2*");

        act = () => InfeasibilityExplainer.Explain(m, [new ConstraintGroup("a", [0], Weight: 0)]);
        act.Should().Throw<ArgumentException>().WithMessage("*weight 0*");

        act = () => InfeasibilityExplainer.Explain(m, [new ConstraintGroup("a", [0]), new ConstraintGroup("a", [1])]);
        act.Should().Throw<ArgumentException>().WithMessage("*Two constraint groups are named 'a'*");

        act = () => InfeasibilityExplainer.Explain(m, [new ConstraintGroup("a", [0], "needs {more}")]);
        act.Should().Throw<ArgumentException>().WithMessage("*unknown placeholder '{more}'*");

        act = () => InfeasibilityExplainer.Explain(m, [new ConstraintGroup("a", [0], "needs {needed")]);
        act.Should().Throw<ArgumentException>().WithMessage("*without a closing*");
    }

    [Fact]
    public void Template_escapes_braces_and_formats_amount()
    {
        var m = TwoConflictingRows();
        var e = InfeasibilityExplainer.Explain(m, [new ConstraintGroup("cap", [1], "{{{group}}} {row} {op} {bound:F1} +{amount:F2}")]);
        e.Groups.Single().Sentence.Should().Be("{cap} cap ≤ 1.0 +2.00");
    }
}
