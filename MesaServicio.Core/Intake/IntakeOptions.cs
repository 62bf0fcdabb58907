namespace MesaServicio.Core.Intake;

/// <summary>How the PQRS intake files its cases (configuration section <c>Intake</c>).</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    public const string DefaultCategoryName = "Mesa de ayuda de primer nivel";

    /// <summary>
    /// The category of a submission whose category hint names no active category: the help desk's first
    /// level, who triage and re-categorise. When it is not an active category either, the first active top
    /// category in the coordinator's order.
    /// </summary>
    public string DefaultCategory { get; set; } = DefaultCategoryName;
}
