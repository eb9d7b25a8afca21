using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>
/// Our Jupyter kernel (soilnb-csharp) driven by Debian's jupyter_client: a cell reading stdin does not hang it, and an
/// interrupt stops a running cell with a reply while the variables of earlier cells stay.
/// </summary>
public class JupyterKernelTests
{
    private const string Script = """
import sys, time, json
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="soilnb-csharp", startup_timeout=120)
def run(code, timeout=120):
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"]
out = {}
try:
    out["first"] = run("var keep = 41;")["status"]
    out["readline"] = run("Console.ReadLine() is null", timeout=60)["status"]
    # stop_on_error=False: ipykernel would otherwise abort the next request after this cell's error reply
    msg_id = kc.execute("while (true) { }", stop_on_error=False)
    time.sleep(4)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=60)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=60)
    out["interrupted"] = [reply["content"]["status"], reply["content"].get("ename"), reply["content"].get("evalue")]
    after = kc.execute("keep + 1")
    result, seen = None, []
    while True:
        m = kc.get_iopub_msg(timeout=120)
        if m["parent_header"].get("msg_id") != after: continue
        seen.append(m["msg_type"] + ":" + json.dumps(m["content"])[:300])
        if m["msg_type"] == "execute_result": result = m["content"]["data"]["text/plain"]
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle": break
    out["after"] = result
    out["after_messages"] = seen
finally:
    kc.stop_channels(); km.shutdown_kernel(now=True)
print(json.dumps(out))
""";

    [Fact]
    public void ReadLineDoesNotHang_AndAnInterruptKeepsTheSession()
    {
        var env = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = RepoPaths.Combine("environment", "jupyter"),
            ["SOILNB"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "soilnb.dll")}",
        };
        var r = Run("/usr/bin/python3", ["-c", Script], env, cwd: RepoPaths.NewTempDir(), limit: TimeSpan.FromMinutes(5));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var o = System.Text.Json.Nodes.JsonNode.Parse(r.Stdout.Trim().Split('\n').Last())!;
        Assert.Equal("ok", o["first"]!.GetValue<string>());
        Assert.Equal("ok", o["readline"]!.GetValue<string>());
        Assert.Equal("error", o["interrupted"]![0]!.GetValue<string>());
        Assert.Equal("Interrupted", o["interrupted"]![1]!.GetValue<string>());
        Assert.Contains("variables of earlier cells are kept", o["interrupted"]![2]!.GetValue<string>());
        Assert.True(o["after"]?.GetValue<string>() == "42", o["after_messages"]!.ToJsonString());
    }
}
