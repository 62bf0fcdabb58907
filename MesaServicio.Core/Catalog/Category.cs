namespace MesaServicio.Core.Catalog;

/// <summary>
/// A service category. The five top groups of the procedure are roots; the coordinator manages the
/// sub-categories. A category routes its cases to a technician group (its own, else its parent's) and may
/// have a technical lead (its own, else its parent's). Never deleted once cases use it: deactivated.
/// </summary>
public sealed class Category
{
    private Category()
    {
        Name = "";
    }

    public Category(string name, int? parentId, int? groupId, Guid? technicalLeadId, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        ParentId = parentId;
        GroupId = groupId;
        TechnicalLeadId = technicalLeadId;
        Description = description;
    }

    public int Id { get; private set; }

    public int? ParentId { get; private set; }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The technician group its cases are routed to; null = the parent's.</summary>
    public int? GroupId { get; private set; }

    /// <summary>The category's technical lead; null = the parent's.</summary>
    public Guid? TechnicalLeadId { get; private set; }

    public bool IsActive { get; private set; } = true;

    public int SortOrder { get; private set; }

    /// <summary>
    /// For a top-level group: its cases belong to the specialised level of indicator 7 whatever their support level
    /// (the coordinator marks it; by default the two groups of information systems and the specialised IT services).
    /// Meaningless on a sub-category: the report reads the flag of the case's top-level group.
    /// </summary>
    public bool IsSpecialised { get; private set; }

    /// <summary>
    /// For a top-level group: the years its closed cases are kept after closing (tabla de retención documental, Ley 594 de
    /// 2000) before their disposition; null = kept for ever (the default). Meaningless on a sub-category: the disposition
    /// reads the case's top-level group.
    /// </summary>
    public int? RetentionYears { get; private set; }

    /// <summary>
    /// For a top-level group: whether the disposition, once the expediente is archived, keeps the case's personal data in
    /// the portal; by default (false) it anonymises them.
    /// </summary>
    public bool RetentionKeepsPersonalData { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void RouteTo(int? groupId, Guid? technicalLeadId)
    {
        GroupId = groupId;
        TechnicalLeadId = technicalLeadId;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public void PlaceAt(int sortOrder) => SortOrder = sortOrder;

    public void MarkSpecialised(bool specialised) => IsSpecialised = specialised;

    public void KeepFor(int? years, bool keepPersonalData)
    {
        if (years is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years, "Retention is at least one year.");
        }

        RetentionYears = years;
        RetentionKeepsPersonalData = keepPersonalData;
    }
}
