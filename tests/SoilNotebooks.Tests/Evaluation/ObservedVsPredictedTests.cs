using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

public class ObservedVsPredictedTests
{
    [Fact]
    public void Create_ComputesMetricsAxisAndRows()
    {
        var o = ObservedVsPredicted.Create("Clay (%)", [10.0, 20, 30, 40], [12.0, 18, 33, 39], [8.0, 15, 28, 35], [15.0, 22, 36, 44]);
        Assert.Equal(10, o.AxisMin);
        Assert.Equal(40, o.AxisMax);
        Assert.Equal(RegressionMetrics.Compute([10.0, 20, 30, 40], [12.0, 18, 33, 39]), o.Metrics);
        var rows = o.MetricRows();
        Assert.Equal(o.Metrics.Rmse, rows.Single(r => r.Metric == "RMSE").Value);
        Assert.Equal(o.Metrics.Kge, rows.Single(r => r.Metric == "KGE").Value);
        Assert.StartsWith("Clay (%): n = 4, RMSE", o.ToString());
        Assert.Throws<ArgumentException>(() => ObservedVsPredicted.Create("x", [1.0, 2], [1.0, 2], [0.0]));
        var c = ClassificationMetrics.Compute(["a", "b", "a"], ["a", "a", "a"]);
        Assert.Equal(2.0 / 3, c.ToRows().Single(r => r.Metric == "Accuracy").Value, 12);
    }
}
