namespace MesaServicio.Core.Privacy;

/// <summary>
/// What another system (the PQRS system) says about the personal-data authorization it collected with a submission
/// (Ley 1581 de 2012, art. 9; Decreto 1377 de 2013, art. 7): whether the person gave it, which version of that
/// system's notice they were shown, and when.
/// </summary>
/// <param name="Granted">Whether the person authorised the treatment of their data.</param>
/// <param name="NoticeVersion">The version of the notice shown, as the other system names it.</param>
/// <param name="At">When the authorization was collected, UTC.</param>
public sealed record DataAuthorization(bool Granted, string? NoticeVersion, DateTimeOffset? At)
{
    /// <summary>The longest notice version kept.</summary>
    public const int NoticeVersionMaxLength = 40;
}
