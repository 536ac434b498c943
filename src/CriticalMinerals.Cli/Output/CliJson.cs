using System.Text.Json;
using System.Text.Json.Serialization;

namespace CriticalMinerals.Cli.Output;

/// <summary>The one JSON style of the command-line tool: indented, camelCase, enums by name, NaN/∞ as strings.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
