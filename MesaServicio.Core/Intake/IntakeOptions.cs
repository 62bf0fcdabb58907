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

    /// <summary>
    /// Whether the entity requires every PQRS to come with the person's personal-data authorization
    /// (<c>autorizacionDatos=si</c>, with the notice's version and the instant): one without it is refused (400).
    /// Off by default, for PQRS systems that do not send it yet (a public entity may treat data in the exercise of its
    /// functions without it, Ley 1581 de 2012, art. 10).
    /// </summary>
    public bool RequireDataAuthorization { get; set; }
}
