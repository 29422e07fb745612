namespace Grains.Interfaces.Selectors;

/// <summary>+, -, *, /.</summary>
internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}
