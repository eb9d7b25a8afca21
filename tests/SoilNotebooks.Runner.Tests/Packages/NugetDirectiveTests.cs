using System.Text.Json.Nodes;
using SoilNotebooks.Runner.Packages;

namespace SoilNotebooks.Runner.Tests.Packages;

public class NugetDirectiveTests
{
    [Fact]
    public void Parse_BlanksDirectiveLines_KeepsLineNumbers_AndReadsIdsAndVersions()
    {
        var (code, sources, refs) = NugetDirectives.Parse(
            "#i \"nuget: ../feed\"\n#r \"nuget: A.B, 1.0.0-beta.2\"\n#r \"nuget:C\"\nvar x = 1;");
        Assert.Equal("\n\n\nvar x = 1;", code);
        Assert.Equal(["../feed"], sources);
        Assert.Equal([new PackageReferenceLine("A.B", "1.0.0-beta.2", 2), new PackageReferenceLine("C", null, 3)],
            refs);
    }

    [Fact]
    public void Parse_RejectsAMalformedNugetLine_WithItsLine()
    {
        var e = Assert.Throws<FormatException>(() => NugetDirectives.Parse("var a = 1;\n#r \"nuget: A, 1, 2\""));
        Assert.StartsWith("line 2:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0.0", "1.0.0-beta.26120.1", 1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.10", 1)]   // ordinal on the label (simpler than NuGet's per-part rule)
    [InlineData("2.3.13", "2.3.9", 1)]
    [InlineData("0.1", "0.1.0", 0)]
    public void SemVer_OrdersReleasesAbovePrereleases(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(SemVerComparer.Instance.Compare(a, b)));
        Assert.Equal(-sign, Math.Sign(SemVerComparer.Instance.Compare(b, a)));
    }

    [Fact]
    public void Kernelspecs_Coexist_OursHasItsOwnName_AndTheRealOneStaysDotNetCsharp()
    {
        var ours = RepoPaths.Combine("environment", "jupyter");
        var realPath = RepoPaths.Combine("environment", ".local", "jupyter-real");
        Assert.False(Directory.Exists(Path.Combine(ours, "kernels", ".net-csharp")),
            "our kernelspec must not be named .net-csharp");
        var r = TestNotebooks.Run("/usr/bin/python3", ["-c",
                "import json; from jupyter_client.kernelspec import KernelSpecManager as M\n" +
                "print(json.dumps({'kernelspecs': M().get_all_specs()}))"],
            new Dictionary<string, string> { ["JUPYTER_PATH"] = ours + ":" + realPath });
        Assert.True(r.ExitCode == 0, r.Stderr);
        var specs = JsonNode.Parse(r.Stdout)!["kernelspecs"]!.AsObject();
        var soilnb = specs["soilnb-csharp"]!;
        Assert.Contains("soilnb_kernel.py", soilnb["spec"]!["argv"]!.ToJsonString());
        Assert.Equal(".NET (C#) — SoilNotebooks", soilnb["spec"]!["display_name"]!.GetValue<string>());
        var real = specs[".net-csharp"]!;
        Assert.Contains("dotnet-interactive", real["spec"]!["argv"]!.ToJsonString());
        Assert.DoesNotContain("--http-port-range", real["spec"]!["argv"]!.ToJsonString());
        // setup.sh installs ours for the user only under its own name
        var setup = File.ReadAllText(RepoPaths.Combine("environment", "setup.sh"));
        Assert.Contains("kernel_name='soilnb-csharp', user=True, replace=True", setup);
        Assert.DoesNotContain("--name .net-csharp", setup);
    }
}
