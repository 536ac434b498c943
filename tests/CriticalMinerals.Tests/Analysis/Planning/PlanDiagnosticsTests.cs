using CriticalMinerals.Analysis.Diagnostics;
using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Planning.PlanTestProblems;

namespace CriticalMinerals.Tests.Analysis.Planning;

/// <summary>An infeasible plan is explained in the words of its rules, on every LP backend.</summary>
public sealed class PlanDiagnosticsTests
{
    public static TheoryData<string> LpBackends => new(SolverBackends.All.Where(b => b.Capabilities.ContinuousVariables).Select(b => b.Name));

    /// <summary>
    /// Member A refines 5 of a demand of 20; a hard rule asks members to refine 40 % (8) in 2030: infeasible, and
    /// the only relaxation is that rule, by 3 kt.
    /// </summary>
    [Theory]
    [MemberData(nameof(LpBackends))]
    public void A_hard_processing_minimum_is_named_with_the_amount_it_misses(string backend)
    {
        var rule = new MinimumShareRule("processing", "eu_processing", QualifyingSupply.MemberRefining, 0.4, 1) { FromYear = 2030 };
        var plan = PlanModel.Create(OpenMarket() with { Rules = [rule] });

        var explanation = PlanDiagnostics.Explain(plan, SolverBackends.Get(backend));

        explanation.Verdict.Should().Be(InfeasibilityVerdict.Explained, explanation.Summary);
        var group = explanation.Groups.Should().ContainSingle().Subject;
        group.Group.Should().Be("eu_processing 2030");
        group.Amount.Should().BeApproximately(3, 1e-5);
        group.Sentence.Should().Contain("cannot hold in 2030").And.Contain("processing");
    }

    [Fact]
    public void A_feasible_plan_is_reported_feasible()
    {
        var plan = PlanModel.Create(OpenMarket() with { Rules = [new FriendshoringShareRule(1, 0.8)] });
        PlanDiagnostics.Explain(plan).Verdict.Should().Be(InfeasibilityVerdict.Feasible);
    }
}
