namespace MesaServicio.Web.Intake;

/// <summary>The one line a form that could not be read leaves in the log (a client's problem, not the desk's).</summary>
internal static partial class MultipartLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "A multipart body to {Path} was refused ({Failure}): {Reason}")]
    public static partial void BodyRefused(ILogger logger, string path, string failure, string reason);
}
