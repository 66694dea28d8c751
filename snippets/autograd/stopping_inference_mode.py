import torch

torch.manual_seed(0)

w = torch.randn(3, requires_grad=True)
with torch.inference_mode():
    out = (w * 2).sum()
    view = w[:2]  # (1)!
    print("inside: inference mode", torch.is_inference_mode_enabled())

print("out: requires_grad", out.requires_grad, " grad_fn", out.grad_fn)
print("out.is_inference():", out.is_inference(), " view.is_inference():", view.is_inference())  # (2)!
