namespace MesaServicio.Core.Intake;

/// <summary>
/// The radicado already has this client's case: its registration is abandoned inside the registering transaction
/// (nothing was written), and the intake answers with the case already made.
/// </summary>
public sealed class RadicadoTakenException : Exception
{
    public RadicadoTakenException()
    {
    }

    public RadicadoTakenException(string message)
        : base(message)
    {
    }

    public RadicadoTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
