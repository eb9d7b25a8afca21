namespace SoilNotebooks.Learning.Neural;

/// <summary>Padding of a convolution along its kernel axis.</summary>
public enum Padding
{
    /// <summary>No padding: the axis shrinks by kernel − 1 (Keras "valid").</summary>
    Valid,
    /// <summary>Zero padding so the axis keeps its length: ⌊(k−1)/2⌋ before, the rest after (Keras/PyTorch "same").</summary>
    Same,
}
