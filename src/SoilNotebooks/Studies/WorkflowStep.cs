namespace SoilNotebooks.Studies;

/// <summary>
/// One step of a paper's workflow figure (e.g. S2MoS Fig. 1), for a diagram of boxes and arrows: what the step does, where
/// the paper describes it, and which phase of the method it belongs to.
/// </summary>
/// <param name="Title">Short name, e.g. "Bare-soil mask".</param>
/// <param name="Section">The paper's section, e.g. "§2.2".</param>
/// <param name="Details">A few short lines: what goes in, what comes out, the code that does it here.</param>
/// <param name="Phase">The phase the step belongs to, e.g. "(i) data processing"; consecutive steps of one phase are drawn
/// under one band.</param>
public sealed record WorkflowStep(string Title, string Section, IReadOnlyList<string> Details, string Phase);
