namespace SoilNotebooks.Learning.Neural;

/// <summary>How the observation slots beyond a point's observations are filled (the paper does not say; the default is explicit here).</summary>
public enum SlotPadding
{
    /// <summary>Default. Repeat the point's observations cyclically (slot j holds observation j mod n), so every slot
    /// holds a real spectrum of that point and the convolution never sees an artificial one.</summary>
    RepeatObservations,
    /// <summary>Fill with 0 after scaling to [−1, 1] (the middle of each channel's training range), like zero-padding a Keras input.</summary>
    ZeroAfterScaling,
    /// <summary>Fill with the point's per-channel median over its observations.</summary>
    PointMedian,
}
