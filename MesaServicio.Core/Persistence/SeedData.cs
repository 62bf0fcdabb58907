using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Persistence;

/// <summary>
/// What a new database starts with: the procedure's five category groups with a realistic taxonomy for a
/// Colombian public entity's IT office, technician groups at levels 1–3, the default priority matrix and
/// ANS policies, and demo people for every role (local sign-in uses them). Runs only on an empty database.
/// </summary>
public static class SeedData
{
    /// <summary>Well-known ids of the demo people, for local sign-in and tests.</summary>
    public static class DemoPeople
    {
        public static readonly Guid Requester = new("0b6f5c1e-0000-4000-8000-000000000001");
        public static readonly Guid Requester2 = new("0b6f5c1e-0000-4000-8000-000000000002");
        public static readonly Guid Requester3 = new("0b6f5c1e-0000-4000-8000-000000000003");
        public static readonly Guid Agent1 = new("0b6f5c1e-0000-4000-8000-000000000011");
        public static readonly Guid Agent2 = new("0b6f5c1e-0000-4000-8000-000000000012");
        public static readonly Guid Agent3 = new("0b6f5c1e-0000-4000-8000-000000000013");
        public static readonly Guid Agent4 = new("0b6f5c1e-0000-4000-8000-000000000014");
        public static readonly Guid Agent5 = new("0b6f5c1e-0000-4000-8000-000000000015");
        public static readonly Guid Agent6 = new("0b6f5c1e-0000-4000-8000-000000000016");
        public static readonly Guid Level2Agent = new("0b6f5c1e-0000-4000-8000-000000000021");
        public static readonly Guid Level3Agent = new("0b6f5c1e-0000-4000-8000-000000000031");
        public static readonly Guid LeadFirstLevel = new("0b6f5c1e-0000-4000-8000-000000000041");
        public static readonly Guid LeadMisional = new("0b6f5c1e-0000-4000-8000-000000000042");
        public static readonly Guid LeadApoyo = new("0b6f5c1e-0000-4000-8000-000000000043");
        public static readonly Guid LeadEspecializados = new("0b6f5c1e-0000-4000-8000-000000000044");
        public static readonly Guid LeadAdministrativos = new("0b6f5c1e-0000-4000-8000-000000000045");
        public static readonly Guid Coordinator = new("0b6f5c1e-0000-4000-8000-000000000051");
        public static readonly Guid Jefe = new("0b6f5c1e-0000-4000-8000-000000000061");
    }

    /// <summary>Names of the five top category groups of the procedure.</summary>
    public static readonly IReadOnlyList<string> TopCategories =
    [
        "Mesa de ayuda de primer nivel",
        "Sistemas de información misionales",
        "Sistemas de información de apoyo",
        "Servicios especializados de TI",
        "Servicios administrativos",
    ];

    /// <summary>The top groups of the specialised level of indicator 7 by default (PRODUCT.md).</summary>
    public static readonly IReadOnlyList<string> SpecialisedGroups = [TopCategories[1], TopCategories[2], TopCategories[3]];

    public static async Task SeedAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Categories.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.People.AddRange(People());
        db.PriorityMatrix.AddRange(PriorityMatrix.DefaultCells());

        var firstLevel = new TechnicianGroup("Mesa de ayuda — primer nivel", 1);
        var misional = new TechnicianGroup("Sistemas de información misionales — nivel 1", 1);
        var apoyo = new TechnicianGroup("Sistemas de información de apoyo — nivel 1", 1);
        var administrativos = new TechnicianGroup("Servicios administrativos — nivel 1", 1);
        var specialised = new TechnicianGroup("Soporte especializado — nivel 2", 2);
        var infrastructure = new TechnicianGroup("Infraestructura y proveedores — nivel 3", 3);
        TechnicianGroup[] groups = [firstLevel, misional, apoyo, administrativos, specialised, infrastructure];
        db.TechnicianGroups.AddRange(groups);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        firstLevel.AddMember(DemoPeople.Agent1);
        firstLevel.AddMember(DemoPeople.Agent2);
        firstLevel.AddMember(DemoPeople.Agent3);
        misional.AddMember(DemoPeople.Agent4);
        misional.AddMember(DemoPeople.Agent5);
        apoyo.AddMember(DemoPeople.Agent6);
        apoyo.AddMember(DemoPeople.Agent5);
        administrativos.AddMember(DemoPeople.Agent3);
        administrativos.AddMember(DemoPeople.Agent6);
        specialised.AddMember(DemoPeople.Level2Agent);
        specialised.AddMember(DemoPeople.LeadEspecializados);
        infrastructure.AddMember(DemoPeople.Level3Agent);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var taxonomy = new (string Top, TechnicianGroup Group, Guid Lead, string[] Children)[]
        {
            (TopCategories[0], firstLevel, DemoPeople.LeadFirstLevel,
            [
                "Correo electrónico institucional", "Cuentas de usuario y contraseñas", "Equipos de cómputo",
                "Impresoras y escáneres", "Red cableada e inalámbrica (wifi)", "Software ofimático", "Telefonía IP",
                "VPN y acceso remoto", "Videoconferencia y salas",
            ]),
            (TopCategories[1], misional, DemoPeople.LeadMisional,
            [
                "SIGEP II — Sistema de Información y Gestión del Empleo Público", "SUIT — Sistema Único de Información de Trámites",
                "FURAG — Formulario Único de Reporte de Avances de la Gestión", "Gestor Normativo",
                "Portal web e intranet", "Espacio Virtual de Asesoría (EVA)",
            ]),
            (TopCategories[2], apoyo, DemoPeople.LeadApoyo,
            [
                "Nómina y talento humano", "Gestión documental (ORFEO)", "Sistema financiero (SIIF Nación)",
                "Contratación (SECOP II)", "Peticiones, quejas, reclamos y sugerencias (PQRSD)", "Planeación y seguimiento",
            ]),
            (TopCategories[3], specialised, DemoPeople.LeadEspecializados,
            [
                "Servidores y centro de datos", "Bases de datos", "Seguridad de la información", "Copias de seguridad y restauración",
                "Servicios en la nube", "Licenciamiento de software",
            ]),
            (TopCategories[4], administrativos, DemoPeople.LeadAdministrativos,
            [
                "Préstamo de equipos audiovisuales", "Traslado de puestos de trabajo", "Inventario de bienes tecnológicos",
                "Paz y salvo de TI", "Apoyo a eventos institucionales", Privacy.PersonalDataRequests.DefaultCategoryName,
            ]),
        };

        var order = 0;
        foreach (var (top, group, lead, children) in taxonomy)
        {
            var root = new Category(top, null, group.Id, lead);
            root.PlaceAt(order++);
            root.MarkSpecialised(SpecialisedGroups.Contains(top));
            db.Categories.Add(root);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var childOrder = 0;
            foreach (var child in children)
            {
                var category = new Category(child, root.Id, null, null);
                category.PlaceAt(childOrder++);
                db.Categories.Add(category);
            }
        }

        db.SlaPolicies.AddRange(DefaultPolicies());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The business calendar, from appsettings, when the database has none yet (a new database, or one created before
    /// the calendar moved to the database). Afterwards the coordinator's settings count and appsettings are not read
    /// again. The seeding is recorded in the configuration audit as the desk's own change.
    /// </summary>
    public static async Task SeedCalendarAsync(MesaDbContext db, BusinessCalendarOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        if (await db.CalendarSettings.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var settings = CalendarSettings.FromOptions(options);
        db.CalendarSettings.Add(settings);
        var known = await db.NonWorkingDays.Select(d => d.Day).ToListAsync(cancellationToken).ConfigureAwait(false);
        var days = (options.ExtraNonWorkingDays ?? []).Distinct().Except(known).ToList();
        db.NonWorkingDays.AddRange(days.Select(d => new NonWorkingDay(d, "Declarado en la configuración inicial")));
        db.ConfigurationChanges.Add(new Configuration.ConfigurationChange(
            now, null, Configuration.ConfigurationAreas.BusinessHours, "Calendario de la entidad", null,
            Configuration.AuditJson.Of(new
            {
                timeZone = settings.TimeZone,
                nationalHolidays = settings.NationalHolidays,
                hours = Configuration.AuditJson.Week(settings.Hours()),
                nonWorkingDays = days.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            }),
            "Valores iniciales tomados de appsettings (sección BusinessCalendar)."));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// General ANS by kind and priority. Incidencias: attention from 1 business hour (Crítica) to the end of
    /// the next business day (the procedure's default "un día posterior al recibido"); Peticiones: attention
    /// by the next business day, resolution in business days, none for planned requests.
    /// </summary>
    public static IEnumerable<SlaPolicy> DefaultPolicies()
    {
        yield return new SlaPolicy(null, CaseKind.Incident, CasePriority.Critical, SlaTarget.Hours(1), SlaTarget.Hours(4));
        yield return new SlaPolicy(null, CaseKind.Incident, CasePriority.High, SlaTarget.Hours(2), SlaTarget.Hours(8));
        yield return new SlaPolicy(null, CaseKind.Incident, CasePriority.Medium, SlaTarget.Hours(4), SlaTarget.Days(2));
        yield return new SlaPolicy(null, CaseKind.Incident, CasePriority.Low, SlaTarget.Days(1), SlaTarget.Days(5));
        yield return new SlaPolicy(null, CaseKind.Incident, CasePriority.Planned, SlaTarget.Days(1), SlaTarget.Days(10));
        yield return new SlaPolicy(null, CaseKind.Request, CasePriority.Critical, SlaTarget.Hours(4), SlaTarget.Days(2));
        yield return new SlaPolicy(null, CaseKind.Request, CasePriority.High, SlaTarget.Days(1), SlaTarget.Days(3));
        yield return new SlaPolicy(null, CaseKind.Request, CasePriority.Medium, SlaTarget.Days(1), SlaTarget.Days(5));
        yield return new SlaPolicy(null, CaseKind.Request, CasePriority.Low, SlaTarget.Days(1), SlaTarget.Days(10));
        yield return new SlaPolicy(null, CaseKind.Request, CasePriority.Planned, null, null);
    }

    private static IEnumerable<Person> People()
    {
        yield return new Person(DemoPeople.Requester, "Laura Gómez Rincón", "laura.gomez@entidad.gov.co", "Dirección de Participación, Transparencia y Servicio al Ciudadano", PersonRoles.None);
        yield return new Person(DemoPeople.Requester2, "Andrés Felipe Rodríguez", "andres.rodriguez@entidad.gov.co", "Dirección Jurídica", PersonRoles.None);
        yield return new Person(DemoPeople.Requester3, "María Camila Ospina", "maria.ospina@entidad.gov.co", "Grupo de Gestión Financiera", PersonRoles.None);
        yield return new Person(DemoPeople.Agent1, "Carlos Pérez Téllez", "carlos.perez@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.Agent2, "Diana Marcela Torres", "diana.torres@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.Agent3, "Jhon Jairo Martínez", "jhon.martinez@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.Agent4, "Paola Andrea Sánchez", "paola.sanchez@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.Agent5, "Julián David Castro", "julian.castro@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.Agent6, "Natalia Herrera Vargas", "natalia.herrera@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.Level2Agent, "Sergio Ramírez Quintero", "sergio.ramirez@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.Level3Agent, "Alejandra Moreno Díaz", "alejandra.moreno@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent);
        yield return new Person(DemoPeople.LeadFirstLevel, "Ricardo León Guzmán", "ricardo.leon@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent | PersonRoles.TechnicalLead);
        yield return new Person(DemoPeople.LeadMisional, "Claudia Patricia Rojas", "claudia.rojas@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent | PersonRoles.TechnicalLead);
        yield return new Person(DemoPeople.LeadApoyo, "Hernán Darío Velásquez", "hernan.velasquez@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent | PersonRoles.TechnicalLead);
        yield return new Person(DemoPeople.LeadEspecializados, "Mónica Jiménez Arango", "monica.jimenez@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent | PersonRoles.TechnicalLead);
        yield return new Person(DemoPeople.LeadAdministrativos, "Óscar Iván Salazar", "oscar.salazar@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Agent | PersonRoles.TechnicalLead);
        yield return new Person(DemoPeople.Coordinator, "Beatriz Elena Cárdenas", "beatriz.cardenas@entidad.gov.co", "Coordinación de Infraestructura Tecnológica — OTIC", PersonRoles.Agent | PersonRoles.Coordinator);
        yield return new Person(DemoPeople.Jefe, "Gustavo Adolfo Mejía", "gustavo.mejia@entidad.gov.co", "Oficina de Tecnologías de la Información", PersonRoles.Jefe);
    }
}
