using System.Net;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.HttpOverrides;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// Behind a reverse proxy that ends TLS: the client's address and scheme come from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, but only when the request comes from a trusted proxy — loopback always, plus
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges). Without the
/// scheme the sign-in's redirect URI would say <c>http://</c>, and secure cookies and HSTS would misbehave.
/// </summary>
public static class ReverseProxy
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Reads the trusted proxies; an address or range that does not parse refuses the start-up, naming the key.</summary>
    public static void AddMesaReverseProxy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(SectionName);
        var proxies = Parse<IPAddress>(section, "KnownProxies", "an IP address", (string text, out IPAddress address) => IPAddress.TryParse(text, out address!));
        var networks = Parse<System.Net.IPNetwork>(section, "KnownNetworks", "a CIDR range such as 10.0.0.0/8", System.Net.IPNetwork.TryParse);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static List<T> Parse<T>(IConfigurationSection section, string key, string expected, TryParse<T> parse)
    {
        var values = new List<T>();
        foreach (var text in section.GetSection(key).Get<string[]>() ?? [])
        {
            values.Add(parse(text.Trim(), out var value)
                ? value
                : throw new StartupRefusedException($"{SectionName}:{key} holds \"{text}\", which is not {expected}."));
        }

        return values;
    }
}
