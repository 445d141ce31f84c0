package org.confops.catalog.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An order for one attendee: a ticket type and/or add-ons, optionally with a voucher code. */
public record OrderRequest(
        @NotNull @Valid AttendeeDetails attendee,
        @Size(max = 50) String ticketType,
        @Size(max = 20) List<@NotNull @Valid AddonQuantity> addons,
        @Size(max = 64) String voucherCode) {

    public record AttendeeDetails(@NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email) {
    }

    public record AddonQuantity(@NotBlank @Size(max = 50) String slug, @Min(1) @Max(100) int quantity) {
    }

    public List<AddonQuantity> addonsOrEmpty() {
        return addons == null ? List.of() : addons;
    }
}
