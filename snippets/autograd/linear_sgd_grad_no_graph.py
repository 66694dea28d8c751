import torch

torch.manual_seed(0)

w = torch.tensor([1.0], requires_grad=True)
((1.0 * w - 2.0) ** 2).backward()

step = 0.01 * w.grad  # (1)!
print("w.grad.requires_grad", w.grad.requires_grad, " step.requires_grad", step.requires_grad, " step.grad_fn", step.grad_fn)

new_w = w - step  # (2)!
print("w - step:            requires_grad", new_w.requires_grad, " is_leaf", new_w.is_leaf)

with torch.no_grad():
    new_w = w - step  # (3)!
print("under no_grad:       requires_grad", new_w.requires_grad, " is_leaf", new_w.is_leaf)

w.data = w - step  # (4)!
print("w.data = w - step:   w.requires_grad", w.requires_grad, " w.is_leaf", w.is_leaf)
