namespace MesaServicio.Core.Reports;

/// <summary>
/// Who the report belongs to, as its header shows it: the entity, its IT office, the portal's name, the
/// procedure and its version, and optionally the entity's logo as a PNG (PDFsharp cannot draw SVG; without
/// a PNG the portal's mark is drawn as vector shapes).
/// </summary>
public sealed record ReportBranding(
    string EntityName,
    string Office,
    string PortalName,
    byte[]? LogoPng = null,
    string Procedure = ReportBranding.DefaultProcedure)
{
    /// <summary>The procedure the desk follows, with its version, as the entity's documents cite it.</summary>
    public const string DefaultProcedure = "Procedimiento Gestión mesa de servicio — V11";
}
