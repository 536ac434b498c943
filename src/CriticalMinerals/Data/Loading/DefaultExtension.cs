using System.Text;

namespace CriticalMinerals.Data.Loading;

/// <summary>Appends the rows of a user's data file to the embedded file of the same name.</summary>
internal static class DefaultExtension
{
    /// <summary>
    /// The embedded file followed by the user's rows, and the number of lines the embedded part takes (header included),
    /// or the problem that the headers differ.
    /// </summary>
    public static (byte[]? Combined, int EmbeddedLines, DataProblem? Problem) Append(string file, string userName, byte[] embedded, byte[] user)
    {
        if (JsonRows.InvalidUtf8At(user) is { } offset)
        {
            return (null, 0, new DataProblem(userName, 0, "(file)", "(not UTF-8)", ProblemText.NotUtf8(offset, user[offset])));
        }

        string embeddedText = Encoding.UTF8.GetString(embedded).TrimStart('\uFEFF');
        string userText = Encoding.UTF8.GetString(user).TrimStart('\uFEFF');
        string embeddedHeader = FirstLine(embeddedText);
        string userHeader = FirstLine(userText);
        if (!string.Equals(embeddedHeader, userHeader, StringComparison.Ordinal))
        {
            return (null, 0, new DataProblem(userName, 1, "(header)", userHeader, $"the header of the embedded {file} to extend it: {embeddedHeader}"));
        }

        if (!embeddedText.EndsWith('\n'))
        {
            embeddedText += "\n";
        }

        int embeddedLines = embeddedText.Count(c => c == '\n');
        string userRows = userText.Length > userHeader.Length ? userText[(userText.IndexOf('\n', StringComparison.Ordinal) + 1)..] : string.Empty;
        return (Encoding.UTF8.GetBytes(embeddedText + userRows), embeddedLines, null);
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
    }
}
