using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoilNotebooks.Runner.Commands;

using SoilNotebooks.Runner.Tests.Execution;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>
/// Bad requests to <c>soilnb serve</c>: each gets a ProtocolError reply naming what was expected and the server goes
/// on (the next request is answered); bad flags exit 2; cells cannot read or corrupt the protocol.
/// </summary>
public class ServeInputTests
{
    private static Task<List<JsonObject>> Serve(params string[] requests) => ServeHarness.Serve(requests);

    [Theory]
    [InlineData("""{"id":"b","op":5}""", "'op' must be a string (execute, shutdown or interrupt); got the number 5")]
    [InlineData("""{"id":"b","op":"frobnicate"}""", "Unknown op 'frobnicate'; expected execute, shutdown or interrupt")]
    [InlineData("""{"id":"b","op":null,"code":12}""", "'code' must be a string (the cell's C# source); got the number 12")]
    [InlineData("""{"id":"b","code":["1"]}""", "'code' must be a string (the cell's C# source); got an array")]
    [InlineData("""{"id":"b","code":"1","cell":5}""", "'cell' must be a string")]
    [InlineData("""{"id":"b","code":"1","timeout_seconds":-1}""", "'timeout_seconds' must be a number of seconds")]
    [InlineData("""{"id":"b","code":"1","timeout_seconds":0}""", "'timeout_seconds' must be a number of seconds")]
    [InlineData("""{"id":"b","code":"1","timeout_seconds":5000000}""", "'timeout_seconds' must be a number of seconds")]
    [InlineData("""{"id":"b","code":"1","timeout_seconds":"soon"}""", "'timeout_seconds' must be a number of seconds")]
    [InlineData("""{"id":"b","code":"1","op":true}""", "'op' must be a string (execute, shutdown or interrupt); got the boolean true")]
    public async Task WronglyTypedField_GetsAProtocolError_AndTheServerGoesOn(string request, string expected)
    {
        var msgs = await Serve(request, """{"id":"next","op":"execute","code":"6 * 7"}""");
        var bad = msgs.Where(m => m["id"]?.ToString() == "b").ToList();
        Assert.Equal("ProtocolError", bad.Last()["ename"]!.GetValue<string>());
        Assert.Contains(expected, bad.Last()["evalue"]!.GetValue<string>());
        var next = msgs.Where(m => m["id"]?.ToString() == "next").ToList();
        Assert.Equal("ok", next.Last()["status"]!.GetValue<string>());
        Assert.Equal("42", next[0]["output"]!["data"]!["text/plain"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[1,2]", "not a JSON object (got an array)")]
    [InlineData("42", "not a JSON object (got the number 42)")]
    [InlineData("\"execute\"", "not a JSON object (got a string)")]
    [InlineData("{\"id\":", "Request is not a JSON object:")]
    public async Task NotAnObject_GetsAProtocolError_AndTheServerGoesOn(string line, string expected)
    {
        var msgs = await Serve(line, """{"id":"next","code":"1 + 1"}""");
        Assert.Equal("ProtocolError", msgs[1]["ename"]!.GetValue<string>());
        Assert.Contains(expected, msgs[1]["evalue"]!.GetValue<string>());
        Assert.Equal("ok", msgs.Last()["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeeplyNestedRequest_GetsAProtocolError()
    {
        var msgs = await Serve(new string('[', 10_000) + new string(']', 10_000), """{"id":"next","code":"1"}""");
        Assert.Equal("ProtocolError", msgs[1]["ename"]!.GetValue<string>());
        Assert.Equal("ok", msgs.Last()["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task NonStringId_IsEchoedAsJson()
    {
        var msgs = await Serve("""{"id":{"n":1},"code":"1"}""");
        Assert.Equal("{\"n\":1}", msgs.Last()["id"]!.GetValue<string>());
        Assert.Equal("ok", msgs.Last()["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("5000000")]
    [InlineData("1e15")]
    public void BadTimeoutFlag_Exit2_BeforeServing(string value)
    {
        var (code, stdout, err) = CliHarness.Run("serve", "--timeout", value);
        Assert.Equal(2, code);
        Assert.Contains("--timeout must be a positive number of seconds", err);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void MissingCwd_Exit2()
    {
        var (code, _, err) = CliHarness.Run("serve", "--cwd", "/nonexistent/soilnb");
        Assert.Equal(2, code);
        Assert.Contains("--cwd '/nonexistent/soilnb' is not an existing folder", err);
    }

    /// <summary>A real serve process: its stdin is the protocol, yet a cell's ReadLine sees an empty stdin.</summary>
    [Fact]
    public void Process_CellReadLineGetsNull_RawStdoutWritesGoToStderr_AndExitIsNamed()
    {
        var requests = new[]
        {
            """{"id":"1","code":"Console.ReadLine() is null"}""",
            """{"id":"2","code":"var o = Console.OpenStandardOutput(); o.Write(new byte[] { 110, 111, 116, 10 }); o.Flush(); var t = new System.Threading.Thread(() => System.Console.Out.WriteLine(\"bg\")); t.Start(); t.Join(); 1"}""",
            """{"id":"3","code":"Environment.Exit(7)"}""",
            """{"id":"4","code":"1"}""",
        };
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "soilnb.dll"));
        psi.ArgumentList.Add("serve");
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        foreach (var r in requests) p.StandardInput.WriteLine(r);
        p.StandardInput.Flush();
        var lines = new List<string>();
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null) lines.Add(line);
        Assert.True(p.WaitForExit(60_000));
        var msgs = lines.Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();    // every line is protocol JSON
        Assert.Equal("True", msgs.First(m => m["id"]?.ToString() == "1")["output"]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("ok", msgs.Last(m => m["id"]?.ToString() == "2")["status"]!.GetValue<string>());
        var exit = msgs.Last(m => m["id"]?.ToString() == "3");
        Assert.Equal("ProcessExit", exit["ename"]!.GetValue<string>());
        Assert.Contains("cell 3 ended the kernel process (Environment.Exit(7))", exit["evalue"]!.GetValue<string>());
        Assert.DoesNotContain(msgs, m => m["id"]?.ToString() == "4");
        Assert.Equal(7, p.ExitCode);
        Assert.Contains("not", err.Result);     // the raw write went to stderr, not into the protocol
    }
}
