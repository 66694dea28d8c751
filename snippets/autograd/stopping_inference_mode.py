import torch

torch.manual_seed(0)

w = torch.randn(3, requires_grad=True)
with torch.inference_mode():
    out = (w * 2).sum()
    print(torch.is_inference_mode_enabled())

print(out.requires_grad, out.grad_fn)
print(out.is_inference())  # (1)!
