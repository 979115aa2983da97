//! Screen shapes worked out once for what they depend on (a rectangle, a
//! plot's bounds, the palette), kept as one tessellated mesh and handed to
//! egui on later frames as one shared shape: a frame neither copies nor
//! tessellates them again, however many there are. Text is never kept: a
//! galley is only good until egui rebuilds its font atlas, so words are
//! laid out each frame through egui's galley cache (where they go may be
//! kept).

use std::cell::{Ref, RefCell};

use egui::Shape;
use egui::epaint::{Mesh, Tessellator};

/// `shapes` as one mesh, tessellated as egui would this frame. Circles are
/// made of triangles rather than taken from the font atlas, so the mesh
/// stays good when the atlas is rebuilt.
pub fn mesh_of(ctx: &egui::Context, shapes: Vec<Shape>) -> Shape {
    let mut options = ctx.tessellation_options(|o| *o);
    options.prerasterized_discs = false;
    let mut tessellator = Tessellator::new(ctx.pixels_per_point(), options, [1, 1], Vec::new());
    let mut mesh = Mesh::default();
    for shape in shapes {
        tessellator.tessellate_shape(shape, &mut mesh);
    }
    Shape::mesh(mesh)
}

/// A value (a mesh, by default) and the key it was worked out for.
pub struct ShapeCache<K, V = Shape> {
    kept: RefCell<Option<(K, V)>>,
}

impl<K, V> Default for ShapeCache<K, V> {
    fn default() -> Self {
        Self {
            kept: RefCell::new(None),
        }
    }
}

impl<K: PartialEq, V> ShapeCache<K, V> {
    /// The value for `key`, built by `build` only when the key differs from
    /// the last one. (Always `Some`: the `Option` only spares a panic.)
    pub fn get(&self, key: K, build: impl FnOnce() -> V) -> Option<Ref<'_, V>> {
        {
            let mut kept = self.kept.borrow_mut();
            if kept.as_ref().is_none_or(|(cached, _)| *cached != key) {
                *kept = Some((key, build()));
            }
        }
        Ref::filter_map(self.kept.borrow(), |kept| {
            kept.as_ref().map(|(_, value)| value)
        })
        .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_built_once_per_key() {
        let cache = ShapeCache::default();
        let ctx = egui::Context::default();
        let mut builds = 0;
        let mut out: Vec<Shape> = Vec::new();
        for key in [1, 1, 1, 2, 2] {
            let shape = cache.get(key, || {
                builds += 1;
                let square = egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(4.0, 4.0));
                mesh_of(
                    &ctx,
                    vec![Shape::rect_filled(square, 0.0, egui::Color32::RED); 3],
                )
            });
            out.extend(shape.as_deref().cloned());
        }
        assert_eq!(builds, 2);
        assert_eq!(out.len(), 5);
        let Some(Shape::Mesh(mesh)) = out.first() else {
            panic!("one mesh");
        };
        assert!(
            mesh.indices.len() >= 3 * 6,
            "three squares of two triangles each"
        );
    }
}
