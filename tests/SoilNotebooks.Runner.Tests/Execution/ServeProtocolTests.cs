using System.Text.Json.Nodes;
using SoilNotebooks.Runner.Commands;

namespace SoilNotebooks.Runner.Tests.Execution;

public class ServeProtocolTests
{
    private static Task<List<JsonObject>> Serve(params string[] requests) => ServeHarness.Serve(requests);

    [Fact]
    public async Task Execute_StreamsOutputsThenDone()
    {
        var msgs = await Serve(
            """{"id":"1","op":"execute","code":"var x = 2;\nConsole.WriteLine(\"hi\");\nx * 21"}""",
            """{"id":"2","op":"execute","code":"x"}""",
            """{"id":"3","op":"shutdown"}""");
        Assert.Equal("ready", msgs[0]["type"]!.GetValue<string>());
        var first = msgs.Where(m => m["id"]?.ToString() == "1").ToList();
        Assert.Equal(["output", "output", "done"], first.Select(m => m["type"]!.GetValue<string>()).ToArray());
        Assert.Equal("stream", first[0]["output"]!["output_type"]!.GetValue<string>());
        Assert.Equal("42", first[1]["output"]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("ok", first[2]["status"]!.GetValue<string>());
        var second = msgs.Where(m => m["id"]?.ToString() == "2").ToList();
        Assert.Equal("2", second[0]["output"]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(2, second[1]["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Errors_AreReportedAsErrorOutputAndDone()
    {
        var msgs = await Serve(
            "this is not json",
            """{"id":"a","op":"execute","code":"throw new Exception(\"no soil\");"}""",
            """{"id":"b","op":"execute","code":"#!fsharp\nlet x = 1"}""");
        Assert.Equal("ProtocolError", msgs[1]["ename"]!.GetValue<string>());
        var a = msgs.Where(m => m["id"]?.ToString() == "a").ToList();
        Assert.Equal("error", a[0]["output"]!["output_type"]!.GetValue<string>());
        Assert.Equal("no soil", a[^1]["evalue"]!.GetValue<string>());
        var b = msgs.Where(m => m["id"]?.ToString() == "b").ToList();
        Assert.Equal("UnsupportedKernel", b[^1]["ename"]!.GetValue<string>());
        Assert.Equal("error", b[0]["output"]!["output_type"]!.GetValue<string>());
    }
}
