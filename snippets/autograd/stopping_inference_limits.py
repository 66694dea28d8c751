import torch

torch.manual_seed(0)

w = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    t = torch.tensor([1.0, 2.0])

y = t + w  # (1)!
y.sum().backward()
print("t + w:", y.grad_fn.name(), " w.grad:", w.grad)

for name, op in [("t.add_(1)", lambda: t.add_(1)), ("t.requires_grad_()", lambda: t.requires_grad_())]:  # (2)!
    try:
        op()
    except RuntimeError as e:
        print(f"{name}: RuntimeError: {str(e).split('.')[0]}")

with torch.inference_mode():
    t.add_(1)  # (3)!
print("inside inference_mode, t.add_(1):", t)
