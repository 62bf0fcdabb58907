namespace MesaServicio.Web.Components.Help;

/// <summary>One guide at <c>/ayuda/{Slug}</c>.</summary>
public sealed record Guide(string Slug, string Title, string Audience, string Summary);

/// <summary>
/// The guides at <c>/ayuda</c>. All three are public (readable without signing in): they hold no personal data and no
/// secret, the procedure they explain is a public document of the entity (Ley 1712 de 2014, transparency), and a person
/// who cannot sign in yet can still read how to. Their screenshots are written by <c>GuideScreenshotsBrowserTests</c> into
/// <c>wwwroot-assets/img/ayuda/</c>, so they stay true when the pages change.
/// </summary>
public static class Guides
{
    public const string ImageFolder = "/img/ayuda/";

    public static readonly Guide User = new(
        "usuario", "Guía del usuario interno", "Para quien pide ayuda a la mesa de servicio",
        "Cómo ingresar, aceptar el aviso de privacidad, registrar un caso, seguirlo, responder las preguntas de la mesa, contestar la encuesta y consultar sus datos.");

    public static readonly Guide Agent = new(
        "agente", "Guía del agente de servicio", "Para técnicos, líderes técnicos y coordinación",
        "El tablero, tomar un caso, analizarlo, atenderlo, preguntar al usuario, escalar, resolver, las visitas a la dependencia y los términos legales de las PQRS.");

    public static readonly Guide Management = new(
        "gestion", "Guía de gestión de incidencias, peticiones y problemas", "El procedimiento, actividad por actividad",
        "El flujo del procedimiento Gestión mesa de servicio, los ANS en tiempo hábil, las prioridades, los niveles de escalamiento, el cierre y la encuesta.");

    public static IReadOnlyList<Guide> All { get; } = [User, Agent, Management];

    public static Guide? Find(string? slug) => All.FirstOrDefault(g => string.Equals(g.Slug, slug, StringComparison.OrdinalIgnoreCase));
}
