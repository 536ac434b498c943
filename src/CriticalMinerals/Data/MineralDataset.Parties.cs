namespace CriticalMinerals.Data;

/// <summary>Coalitions with a group of countries as a party (the European Union, <c>EUU</c>).</summary>
public sealed partial class MineralDataset
{
    /// <summary>The code of the European Union as a party to a group (as in the G7 and the MSP).</summary>
    internal const string EuropeanUnionParty = "EUU";

    /// <summary>
    /// The coalition with the member states of every group that is a party to it: a member <c>EUU</c> brings the members
    /// of the <c>EU27</c> group of the data (its mines and refineries; its demand is the whole EU region either way). The
    /// same reading in every view, so the single-coalition answer, the world blocs and the plans count the same countries.
    /// </summary>
    /// <param name="coalition">The coalition as defined.</param>
    /// <param name="note">What was added, to print with the answer; <see langword="null"/> when nothing was.</param>
    /// <returns>The coalition itself when no party brings anyone new, else a coalition of the same name with them added.</returns>
    internal Coalition WithPartyMembers(Coalition coalition, out string? note)
    {
        note = null;
        if (!coalition.Contains(EuropeanUnionParty) || Coalitions.FirstOrDefault(c => c.Name == "EU27") is not { } eu)
        {
            return coalition;
        }

        var party = coalition.Members.First(m => m.Iso3 == EuropeanUnionParty);
        var added = eu.Members.Where(m => !coalition.Contains(m.Iso3))
            .Select(m => m with { Note = $"member state of the European Union, a party to {coalition.Name} as {EuropeanUnionParty}", SourceId = party.SourceId ?? m.SourceId })
            .ToArray();
        if (added.Length == 0)
        {
            return coalition;
        }

        note = $"{coalition.Name} includes the European Union as a party ({EuropeanUnionParty}): its member states count as members, {added.Length} of them not listed in their own right ({string.Join(", ", added.Select(m => m.Iso3).Take(6))}{(added.Length > 6 ? ", …" : string.Empty)}).";
        return new Coalition(coalition.Name, [.. coalition.Members, .. added]);
    }
}
