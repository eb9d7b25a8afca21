using System.Reflection;

namespace SoilNotebooks.Tests.Architecture;

/// <summary>
/// The Options convention: optional parameters and Options-record properties that mean the same thing default to the
/// same named constant of <see cref="Defaults"/>, so a simple overload and its Options overload give the same run.
/// </summary>
public class DefaultsConventionTests
{
    /// <summary>Parameter or property names (case-insensitive) and the constant they must default to.</summary>
    private static readonly Dictionary<string, object> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        ["seed"] = Defaults.Seed, ["trees"] = Defaults.Trees, ["bags"] = Defaults.Bags,
        ["bagFraction"] = Defaults.BagFraction, ["coverage"] = Defaults.IntervalCoverage,
        ["batchSize"] = Defaults.PredictionBatchSize, ["threads"] = Defaults.Threads,
    };

    private static IEnumerable<Type> PublicTypes => typeof(Check).Assembly.GetExportedTypes();

    [Fact]
    public void OptionalParameters_DefaultToTheNamedConstants()
    {
        var wrong = new List<string>();
        int checkedCount = 0;
        foreach (var t in PublicTypes)
            foreach (var m in t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Cast<MethodBase>().Concat(t.GetConstructors()))
                foreach (var p in m.GetParameters())
                {
                    if (!p.HasDefaultValue || p.Name is null || !Expected.TryGetValue(p.Name, out var want)) continue;
                    if (p.DefaultValue is null) continue;   // "no value" (e.g. int? seed = null) is a different contract
                    checkedCount++;
                    if (!Equals(Convert.ChangeType(p.DefaultValue, want.GetType()), want))
                        wrong.Add($"{t.Name}.{m.Name}({p.Name} = {p.DefaultValue}), expected {want}");
                }
        Assert.True(checkedCount > 30, $"only {checkedCount} parameters checked: the scan is broken");
        Assert.True(wrong.Count == 0, "Defaults that differ from SoilNotebooks.Defaults:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void OptionsRecords_DefaultToTheNamedConstants()
    {
        var wrong = new List<string>();
        int checkedCount = 0;
        foreach (var t in PublicTypes.Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && !t.IsAbstract))
        {
            var ctor = t.GetConstructors().FirstOrDefault(c => c.GetParameters().All(p => p.HasDefaultValue));
            if (ctor is null) continue;
            var instance = ctor.Invoke(ctor.GetParameters().Select(p => p.DefaultValue).ToArray());
            foreach (var prop in t.GetProperties())
            {
                object? want = prop.Name switch
                {
                    "BatchSize" => Defaults.TrainingBatchSize,   // Options train; the batchSize parameters predict
                    "Threads" when t.Namespace!.EndsWith(".Neural", StringComparison.Ordinal) => Defaults.NeuralTrainingThreads,
                    _ => Expected.GetValueOrDefault(prop.Name),
                };
                if (want is null) continue;
                var value = prop.GetValue(instance);
                if (value is null) continue;
                checkedCount++;
                if (!Equals(Convert.ChangeType(value, want.GetType()), want))
                    wrong.Add($"{t.Name}.{prop.Name} = {value}, expected {want}");
            }
        }
        Assert.True(checkedCount > 5, $"only {checkedCount} properties checked: the scan is broken");
        Assert.True(wrong.Count == 0, "Options defaults that differ from SoilNotebooks.Defaults:\n" + string.Join("\n", wrong));
    }
}
