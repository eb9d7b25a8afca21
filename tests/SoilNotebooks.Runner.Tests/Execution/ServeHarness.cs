using System.Text.Json.Nodes;
using SoilNotebooks.Runner.Commands;

namespace SoilNotebooks.Runner.Tests.Execution;

/// <summary>Runs <c>soilnb serve</c> in process on a list of request lines and returns its reply messages.</summary>
public static class ServeHarness
{
    /// <summary>Sends <paramref name="requests"/> (one JSON line each), asserts that serve ends with exit code 0, and
    /// parses every line it wrote.</summary>
    public static async Task<List<JsonObject>> Serve(params string[] requests)
    {
        var input = new StringReader(string.Join("\n", requests) + "\n");
        var output = new StringWriter();
        int code = await ServeCommand.ServeAsync(input, output, RepoPaths.NewTempDir(), null);
        Assert.Equal(0, code);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
    }
}
